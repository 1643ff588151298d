# office: the course's Spring 2024 theme.
name = office
floors = 5
args = start dest type
noun = passengers
weight_unit = lbs
layout = classic
max_passengers = 5
max_weight = 7
floor_time = 2.0
load_time = 1.0
type = 0 P 1 part-timer
type = 1 L 1.5 lawyer
type = 2 B 2 boss
type = 3 V 0.5 visitor
