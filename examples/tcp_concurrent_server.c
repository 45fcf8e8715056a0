/* tcp_concurrent_server: the course's concurrent server, one process per client (fork).
 * Like tcp_iterative_server (PORT, 0 = the kernel's choice, printed; COUNT clients), but
 * each accepted connection is served by a child while the parent goes back to accept().
 * The parent waits for its children before it exits.
 *   ./tcp_concurrent_server 0 3 */
#include <arpa/inet.h>
#include <ctype.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

static void serve(int conn)
{
    char buf[1024];
    ssize_t n;
    while ((n = read(conn, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++)
            buf[i] = (char)toupper((unsigned char)buf[i]);
        if (write(conn, buf, (size_t)n) != n)
            break;
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s PORT [COUNT]\n", argv[0]);
        return 2;
    }
    int count = argc > 2 ? atoi(argv[2]) : 1;

    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) {
        perror("socket");
        return 1;
    }
    int on = 1;
    setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)atoi(argv[1]));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    if (listen(s, 5) < 0) {
        perror("listen");
        return 1;
    }
    socklen_t len = sizeof addr;
    getsockname(s, (struct sockaddr *)&addr, &len);
    printf("listening on %d\n", ntohs(addr.sin_port));
    fflush(stdout);

    for (int served = 0; count == 0 || served < count; served++) {
        int conn = accept(s, NULL, NULL);
        if (conn < 0) {
            perror("accept");
            continue;
        }
        pid_t child = fork();
        if (child == 0) {
            close(s); /* the child serves this client only */
            serve(conn);
            close(conn);
            _exit(0);
        }
        if (child < 0)
            perror("fork");
        close(conn); /* the child has its own copy */
    }
    close(s);
    while (wait(NULL) > 0)
        ;
    return 0;
}
