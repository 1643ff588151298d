# dogs: the course's Fall 2025 theme (a pet elevator).
name = dogs
floors = 5
args = start dest type
noun = pets
weight_unit = lbs
layout = classic
max_passengers = 5
max_weight = 50
floor_time = 2.0
load_time = 1.0
type = 0 C 3 chihuahua
type = 1 P 14 pug
type = 2 H 10 pughuahua
type = 3 D 16 dachshund
