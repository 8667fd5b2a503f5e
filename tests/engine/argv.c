/* Prints its argv as one JSON array on one line, then exits 0.
 *
 * Built with `gcc -static -O2` into the engine tests' base image as /argv, so
 * whatever PID 1 received can be compared with cmdresolve's prediction.
 * Bytes >= 0x80 are passed through unchanged (the tests use UTF-8 or ASCII);
 * control characters and the JSON specials are escaped.
 */
#include <stdio.h>

static void put_string(const char *s)
{
    putchar('"');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned char c = *p;
        switch (c) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\b': fputs("\\b", stdout); break;
        case '\f': fputs("\\f", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (c < 0x20 || c == 0x7f)
                printf("\\u%04x", c);
            else
                putchar(c);
        }
    }
    putchar('"');
}

int main(int argc, char **argv)
{
    putchar('[');
    for (int i = 0; i < argc; i++) {
        if (i)
            putchar(',');
        put_string(argv[i]);
    }
    fputs("]\n", stdout);
    return fflush(stdout) == 0 ? 0 : 1;
}
