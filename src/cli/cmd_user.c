/* cmd_user.c - `sitrep user add|list|remove`: who may use the server, with
 * what clearance, and whether they may write. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "core/err.h"
#include "core/tlp.h"
#include "serve/auth.h"
#include "store/store.h"

static int print_user(void *ctx, const struct store_user *u)
{
    (void)ctx;
    printf("%-24s %-13s %s\n", u->name, tlp_name((enum tlp)u->clearance),
           u->can_write ? "read, write" : "read");
    return 0;
}

/* A name: 1 to 63 letters, digits, '.', '_', '-' or '@'. */
static bool user_name(const char *n)
{
    size_t len = strlen(n);
    if (len == 0 || len > 63)
        return false;
    for (size_t i = 0; i < len; i++)
        if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= 'A' && n[i] <= 'Z') ||
              (n[i] >= '0' && n[i] <= '9') || strchr("._-@", n[i])))
            return false;
    return true;
}

int cmd_user(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"clearance", required_argument, NULL, 'c'},
        {"write", no_argument, NULL, 'w'},
        {"password-stdin", no_argument, NULL, 'p'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL;
    enum tlp clearance = TLP_CLEAR;
    bool write = false, from_stdin = false, have_clearance = false;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'w': write = true; break;
        case 'p': from_stdin = true; break;
        case 'c':
            if (!tlp_parse(optarg, &clearance))
                return cli_usage_error("user", "--clearance is clear, green, amber, "
                                               "amber+strict or red, not '%s'", optarg);
            have_clearance = true;
            break;
        default:
            return cli_option_error("user", c, argv);
        }
    }
    if (optind >= argc)
        return cli_usage_error("user", "add, list or remove?");
    const char *verb = argv[optind++];
    bool add = strcmp(verb, "add") == 0, list = strcmp(verb, "list") == 0,
         remove = strcmp(verb, "remove") == 0;
    if (!add && !list && !remove)
        return cli_usage_error("user", "unknown action '%s' (add, list or remove)", verb);
    if ((list && optind != argc) || (!list && optind != argc - 1))
        return cli_usage_error("user", list ? "list takes no name" : "%s takes one name", verb);
    const char *name = list ? NULL : argv[optind];
    if (name && !user_name(name))
        return cli_usage_error("user", "a name is 1 to 63 letters, digits, '.', '_', '-' or "
                                       "'@', not '%s'", name);
    if (add && !have_clearance)
        return cli_usage_error("user", "add needs --clearance LEVEL");
    if (!auth_init()) {
        fprintf(stderr, "sitrep: cannot initialise libsodium\n");
        return EXIT_FAIL;
    }
    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    int rc = ERR_OK;
    if (list) {
        printf("%-24s %-13s %s\n", "NAME", "CLEARANCE", "MAY");
        rc = store_list_users(s, print_user, NULL);
    } else if (remove) {
        rc = store_remove_user(s, name);
    } else {
        char password[512] = "", token[AUTH_TOKEN_HEX];
        bool generated = !from_stdin;
        if (from_stdin) {
            if (!fgets(password, sizeof password, stdin))
                password[0] = '\0';
            password[strcspn(password, "\r\n")] = '\0';
            if (strlen(password) < 8) {
                fprintf(stderr, "sitrep user: the password on stdin is shorter than 8 "
                                "characters\n");
                store_close(s);
                return EXIT_USAGE;
            }
        } else {
            auth_new_token(token); /* a random password, shown once */
            memcpy(password, token, 24);
            password[24] = '\0';
        }
        struct store_user u = {.clearance = (int)clearance, .can_write = write};
        snprintf(u.name, sizeof u.name, "%s", name);
        auth_new_token(token);
        auth_token_hash(token, u.token_hash);
        if (!auth_hash_password(password, u.pw_hash)) {
            fprintf(stderr, "sitrep: cannot hash the password (out of memory)\n");
            store_close(s);
            return EXIT_FAIL;
        }
        rc = store_put_user(s, &u);
        if (rc == ERR_OK) {
            printf("user %s: clearance %s, %s\n", name, tlp_name(clearance),
                   write ? "may read and write" : "may read");
            if (generated)
                printf("password: %s\n", password);
            printf("token: %s\n(shown once: keep them; sitrep stores only their hashes)\n", token);
        }
    }
    if (rc != ERR_OK)
        fprintf(stderr, "sitrep: %s\n", store_errmsg(s)); /* it names the store */
    store_close(s);
    return rc == ERR_OK ? EXIT_OK : EXIT_FAIL;
}
