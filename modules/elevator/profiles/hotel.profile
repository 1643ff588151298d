# hotel: the course's Fall 2015 theme. Capacity counts units on two scales:
# passenger units (a bellhop with a cart takes two) and weight units.
name = hotel
floors = 10
args = type start dest          # issue_request(type, start_floor, destination_floor)
noun = passengers
weight_unit = weight units
units_word = passenger units
layout = hotel
max_units = 8
max_weight = 8
floor_time = 2.0
load_time = 1.0
# type = NUMBER LETTER WEIGHT UNITS NAME
type = 0 A 1 1 adult
type = 1 C 0.5 1 child
type = 2 B 2 2 bellhop
type = 3 R 2 1 room service
