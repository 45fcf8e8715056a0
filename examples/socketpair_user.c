/* socketpair_user: the course's "sockets instead of pipes". A socketpair(AF_UNIX,
 * SOCK_STREAM) between a parent and a child (fork): the parent sends a question, the child
 * answers on the same (bidirectional) socket, both print what they read. Rounds: argument
 * (default 1). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 1;
    int sv[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0) {
        perror("socketpair");
        return 1;
    }
    pid_t child = fork();
    if (child < 0) {
        perror("fork");
        return 1;
    }
    char buf[256];
    if (child == 0) {
        close(sv[0]);
        for (int i = 0; i < rounds; i++) {
            ssize_t n = read(sv[1], buf, sizeof buf);
            if (n <= 0)
                break;
            if (write(sv[1], "pong", 4) != 4)
                break;
        }
        close(sv[1]);
        _exit(0);
    }
    close(sv[1]);
    for (int i = 0; i < rounds; i++) {
        if (write(sv[0], "ping", 4) != 4)
            break;
        ssize_t n = read(sv[0], buf, sizeof buf - 1);
        if (n <= 0)
            break;
        buf[n] = '\0';
        printf("parent got %s\n", buf);
    }
    close(sv[0]);
    waitpid(child, NULL, 0);
    return 0;
}
