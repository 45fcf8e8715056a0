/* tcp_client: the course's TCP client. Connects to HOST PORT, sends one line (the third
 * argument, "hello" by default), reads the answer until the server closes, prints it.
 *   ./tcp_client 127.0.0.1 7777 "hola"
 * Exit status 1 when the connection fails (perror says why: ECONNREFUSED, ...). */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: %s HOST PORT [MESSAGE]\n", argv[0]);
        return 2;
    }
    const char *message = argc > 3 ? argv[3] : "hello";

    int s = socket(AF_INET, SOCK_STREAM, 0);
    if (s < 0) {
        perror("socket");
        return 1;
    }
    struct sockaddr_in server;
    memset(&server, 0, sizeof server);
    server.sin_family = AF_INET;
    server.sin_port = htons((unsigned short)atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &server.sin_addr) != 1) {
        fprintf(stderr, "%s: not an IPv4 address\n", argv[1]);
        return 2;
    }
    if (connect(s, (struct sockaddr *)&server, sizeof server) < 0) {
        perror("connect");
        close(s);
        return 1;
    }
    char line[512];
    int len = snprintf(line, sizeof line, "%s\n", message);
    if (write(s, line, (size_t)len) != len) {
        perror("write");
        return 1;
    }
    /* Half-close: the server sees EOF after our line and answers, then closes. */
    shutdown(s, SHUT_WR);
    char answer[1024];
    ssize_t n;
    while ((n = read(s, answer, sizeof answer)) > 0)
        fwrite(answer, 1, (size_t)n, stdout);
    if (n < 0)
        perror("read");
    close(s);
    return 0;
}
