/* webgen.c - embeds the dashboard's files in the binary: writes a C file
 * whose table web_files[] (src/serve/web.h) holds each file's URL path,
 * media type and bytes.
 *
 * usage: webgen OUT.c URLPATH=FILE...
 * The media type follows the file's extension. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *media_type(const char *file)
{
    static const char *const types[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
    };
    const char *dot = strrchr(file, '.');
    for (size_t i = 0; dot && i < sizeof types / sizeof *types; i++)
        if (strcmp(dot, types[i][0]) == 0)
            return types[i][1];
    return "application/octet-stream";
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: webgen OUT.c URLPATH=FILE...\n");
        return 2;
    }
    FILE *out = fopen(argv[1], "w");
    if (!out) {
        perror(argv[1]);
        return 1;
    }
    fprintf(out, "/* Made by tools/webgen.c from web/ and node_modules/: do not edit. */\n"
                 "#include \"serve/web.h\"\n\n");
    for (int i = 2; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        if (!eq) {
            fprintf(stderr, "webgen: '%s' is not URLPATH=FILE\n", argv[i]);
            return 2;
        }
        FILE *in = fopen(eq + 1, "rb");
        if (!in) {
            perror(eq + 1);
            return 1;
        }
        fprintf(out, "static const unsigned char file%d[] = {", i);
        int c;
        size_t n = 0;
        while ((c = getc(in)) != EOF)
            fprintf(out, "%s%d,", n++ % 24 ? "" : "\n", c);
        fprintf(out, "0};\n");
        fclose(in);
    }
    fprintf(out, "\nconst struct web_file web_files[] = {\n");
    for (int i = 2; i < argc; i++) {
        const char *eq = strchr(argv[i], '=');
        fprintf(out, "    {\"%.*s\", \"%s\", file%d, sizeof file%d - 1},\n", (int)(eq - argv[i]),
                argv[i], media_type(eq + 1), i, i);
    }
    fprintf(out, "    {0},\n};\n");
    if (fclose(out) != 0) {
        perror(argv[1]);
        return 1;
    }
    return 0;
}
