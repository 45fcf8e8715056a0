/* The traced program of bench.sh row 14 that does no socket work: N times, pread64(2) of 4 KiB
 * of a file and a getpid(2) and fstat(2) (mode "pread"), or read(2) of 4 KiB with lseek(2)
 * back (mode "read": read is one of the calls the seccomp filter stops, since the filter
 * cannot tell a file from a socket).
 *   tracefilework pread|read FILE N */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: %s pread|read FILE N\n", argv[0]);
        return 2;
    }
    int useRead = strcmp(argv[1], "read") == 0;
    long n = atol(argv[3]);
    int fd = open(argv[2], O_RDONLY);
    if (fd < 0) {
        perror(argv[2]);
        return 1;
    }
    char buf[4096];
    struct stat st;
    unsigned long sum = 0;
    for (long i = 0; i < n; i++) {
        ssize_t got;
        if (useRead) {
            got = read(fd, buf, sizeof buf);
            lseek(fd, 0, SEEK_SET);
        } else {
            got = pread(fd, buf, sizeof buf, 0);
            sum += (unsigned long)getpid();
            fstat(fd, &st);
        }
        if (got <= 0)
            return 1;
        sum += (unsigned char)buf[i % got];
    }
    close(fd);
    return sum == 0; /* uses sum, so the loop is not optimised away */
}
