/* The baseline of five_syscalls: an empty C program, built the same way. */
int main(void) { return 0; }
