/* The elevator's system calls: numbers and the wrappers of libelevator.a.
 * For C and C++ user programs. The numbers are the course's since 2023;
 * a kernel whose table file renumbers the rows needs these changed too. */
#ifndef UKERN_UAPI_ELEVATOR_H
#define UKERN_UAPI_ELEVATOR_H

#define __NR_start_elevator 548
#define __NR_issue_request 549
#define __NR_stop_elevator 550

#ifdef __cplusplus
extern "C" {
#endif

/* Each returns the call's result, or -1 with errno set (like syscall(2)).
 * start_elevator: 0 started, 1 already active or still stopping.
 * issue_request:  0 queued, 1 invalid; errno EAGAIN (max_waiting), ENOMEM.
 *                 The argument order is the loaded profile's: dorm, office
 *                 and dogs take (start, dest, type), hotel (type, start, dest).
 * stop_elevator:  0 stopping, 1 already stopping or OFFLINE.
 * All three fail with ENOSYS when the elevator module is not loaded. */
long start_elevator(void);
long issue_request(int a, int b, int c);
long stop_elevator(void);

#ifdef __cplusplus
}
#endif

#endif
