/* The traced program of bench.sh row 14: N round trips of 64 bytes over a socketpair between
 * a parent and its child (fork), with write(2) and read(2), the calls a student's program
 * makes. Prints nothing; the time is taken outside.
 *   tracepingpong N */
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 10000;
    int sv[2];
    char buf[64] = {0};
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        perror("socketpair");
        return 1;
    }
    pid_t child = fork();
    if (child == 0) {
        close(sv[0]);
        for (long i = 0; i < n; i++)
            if (read(sv[1], buf, sizeof buf) != sizeof buf || write(sv[1], buf, sizeof buf) != sizeof buf)
                _exit(1);
        _exit(0);
    }
    close(sv[1]);
    for (long i = 0; i < n; i++)
        if (write(sv[0], buf, sizeof buf) != sizeof buf || read(sv[0], buf, sizeof buf) != sizeof buf)
            return 1;
    int status = 0;
    waitpid(child, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
