/* The dorm elevator (Fall 2023/2024 theme): shared state of elevator.c and
 * proc_file.c. Everything below is guarded by elevator.lock. */
#ifndef ELEVATOR_H
#define ELEVATOR_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/wait.h>

#define NUM_FLOORS 6
#define MAX_PASSENGERS 5
#define MAX_WEIGHT 750
#define NUM_TYPES 4
#define FLOOR_TIME_MS 2000
#define LOAD_TIME_MS 1000
#define PROC_LIST_MAX 20

enum elevator_state { OFFLINE, IDLE, LOADING, UP, DOWN };

struct passenger {
    int type;             /* 0 freshman, 1 sophomore, 2 junior, 3 senior */
    int destination;      /* floor, 1-based */
    struct list_head list;
};

struct elevator {
    enum elevator_state state;
    int current_floor;    /* 1-based */
    int direction;        /* +1 up, -1 down */
    int load;             /* lbs */
    int num_passengers;
    int num_waiting;
    int num_serviced;
    bool stopping;
    struct list_head passengers;            /* aboard, in boarding order */
    struct list_head floors[NUM_FLOORS];    /* waiting, in arrival order */
    struct mutex lock;
    wait_queue_head_t work;                 /* the thread sleeps here when idle */
};

extern struct elevator elevator;
extern const char type_letter[NUM_TYPES];
extern const int type_weight[NUM_TYPES];

int elevator_proc_create(void);
void elevator_proc_remove(void);

#endif
