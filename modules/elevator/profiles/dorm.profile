# dorm: the course's Fall 2023 and Fall 2024 theme (the default profile).
name = dorm
floors = 6
args = start dest type          # issue_request(start_floor, destination_floor, type)
noun = passengers
weight_unit = lbs
layout = classic
max_passengers = 5
max_weight = 750
floor_time = 2.0                # seconds (kernel clock) to move one floor
load_time = 1.0                 # seconds (kernel clock) for one stop
# type = NUMBER LETTER WEIGHT [UNITS] NAME
type = 0 F 100 freshman
type = 1 O 150 sophomore
type = 2 J 200 junior
type = 3 S 250 senior
