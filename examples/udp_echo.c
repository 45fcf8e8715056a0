/* udp_echo: the course's UDP peer. As a server, binds 127.0.0.1:PORT (0: the kernel's
 * choice, printed as "listening on PORT") and echoes COUNT datagrams back to their sender.
 * As a client, sends MESSAGE to HOST PORT and prints the echo.
 *   ./udp_echo server 0 1
 *   ./udp_echo client 127.0.0.1 9999 hola */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static int server(int port, int count)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0) {
        perror("socket");
        return 1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short)port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) < 0) {
        perror("bind");
        return 1;
    }
    socklen_t len = sizeof addr;
    getsockname(s, (struct sockaddr *)&addr, &len);
    printf("listening on %d\n", ntohs(addr.sin_port));
    fflush(stdout);
    for (int i = 0; i < count; i++) {
        char buf[1500];
        struct sockaddr_in peer;
        socklen_t plen = sizeof peer;
        ssize_t n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&peer, &plen);
        if (n < 0) {
            perror("recvfrom");
            return 1;
        }
        sendto(s, buf, (size_t)n, 0, (struct sockaddr *)&peer, plen);
    }
    close(s);
    return 0;
}

static int client(const char *host, int port, const char *message)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    if (s < 0) {
        perror("socket");
        return 1;
    }
    struct sockaddr_in to;
    memset(&to, 0, sizeof to);
    to.sin_family = AF_INET;
    to.sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, host, &to.sin_addr) != 1) {
        fprintf(stderr, "%s: not an IPv4 address\n", host);
        return 2;
    }
    if (sendto(s, message, strlen(message), 0, (struct sockaddr *)&to, sizeof to) < 0) {
        perror("sendto");
        return 1;
    }
    char buf[1500];
    struct sockaddr_in from;
    socklen_t flen = sizeof from;
    ssize_t n = recvfrom(s, buf, sizeof buf - 1, 0, (struct sockaddr *)&from, &flen);
    if (n < 0) {
        perror("recvfrom");
        return 1;
    }
    buf[n] = '\0';
    printf("%s\n", buf);
    close(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && strcmp(argv[1], "server") == 0)
        return server(atoi(argv[2]), argc > 3 ? atoi(argv[3]) : 1);
    if (argc >= 4 && strcmp(argv[1], "client") == 0)
        return client(argv[2], atoi(argv[3]), argc > 4 ? argv[4] : "hello");
    fprintf(stderr, "usage: %s server PORT [COUNT] | client HOST PORT [MESSAGE]\n", argv[0]);
    return 2;
}
