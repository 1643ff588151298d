/* Shared by the two source files of the split module. */
#ifndef SPLIT_H
#define SPLIT_H

int split_issue_request(int start_floor, int destination_floor, int type);

#endif
