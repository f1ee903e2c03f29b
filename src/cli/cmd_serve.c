/* cmd_serve.c - `sitrep serve`: the TAXII 2.1 API (src/serve/taxii.h)
 * over HTTP with libmicrohttpd, on 127.0.0.1:8080 unless told otherwise,
 * with TLS when given a certificate and a key. One thread answers, one
 * request at a time, over one store handle. */
#include <arpa/inet.h>
#include <getopt.h>
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "core/alloc.h"
#include "core/buf.h"
#include "core/err.h"
#include "core/tlp.h"
#include "serve/api.h"
#include "serve/taxii.h"
#include "serve/web.h"

#include <pthread.h>
#include <stdint.h>
#include <zlib.h>
#include "store/store.h"

#define REPUBLISH_SECONDS 60
/* Memory per connection; it bounds a request's line and headers (a
 * request whose headers do not fit is refused with 431). */
#define CONNECTION_MEMORY (64u << 10)

#define MAX_THREADS 16

/* One server thread's share: its own handle of the store (a SQLite
 * handle's kept statements serve one thread at a time) and the handlers
 * over it. Requests check a free one out. */
struct worker {
    struct store *s;
    struct taxii *t;
    struct api *api;
    bool busy;
};

struct server {
    struct worker w[MAX_THREADS];
    size_t n;
    pthread_mutex_t lock;  /* guards busy flags, published and generation */
    pthread_cond_t idle;
    time_t published;      /* when the store's objects were last published */
    long long generation;  /* the store's generation then (store.h) */
};

static struct worker *checkout(struct server *sv)
{
    pthread_mutex_lock(&sv->lock);
    for (;;) {
        for (size_t i = 0; i < sv->n; i++)
            if (!sv->w[i].busy) {
                sv->w[i].busy = true;
                pthread_mutex_unlock(&sv->lock);
                return &sv->w[i];
            }
        pthread_cond_wait(&sv->idle, &sv->lock);
    }
}

static void checkin(struct server *sv, struct worker *w)
{
    pthread_mutex_lock(&sv->lock);
    w->busy = false;
    pthread_cond_signal(&sv->idle);
    pthread_mutex_unlock(&sv->lock);
}

/* Publishes the store's objects again when documents were added since
 * (looked at once a minute at most). */
static void republish(struct server *sv, struct worker *w)
{
    pthread_mutex_lock(&sv->lock);
    bool due = time(NULL) - sv->published > REPUBLISH_SECONDS;
    if (due)
        sv->published = time(NULL);
    pthread_mutex_unlock(&sv->lock);
    long long generation;
    if (!due || store_generation(w->s, &generation) != ERR_OK)
        return;
    pthread_mutex_lock(&sv->lock);
    bool changed = generation != sv->generation;
    sv->generation = generation;
    pthread_mutex_unlock(&sv->lock);
    if (changed)
        taxii_publish(w->t, NULL);
}

/* What a connection uploads. */
struct upload {
    struct buf body;
    bool too_big;
};

static const char *query_of(void *ctx, const char *key)
{
    return MHD_lookup_connection_value(ctx, MHD_GET_ARGUMENT_KIND, key);
}

static const char *header_of(void *ctx, const char *key)
{
    return MHD_lookup_connection_value(ctx, MHD_HEADER_KIND, key);
}

/* Responses of at least this many bytes are sent gzip-compressed to
 * clients that accept it. */
#define COMPRESS_MIN 1024

/* data gzip-compressed into a malloc'd *out, or false. */
static bool gzip(const void *data, size_t len, void **out, size_t *out_len)
{
    z_stream z = {0};
    if (deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        return false;
    size_t cap = deflateBound(&z, (uLong)len);
    unsigned char *buf = malloc(cap);
    if (!buf) {
        deflateEnd(&z);
        return false;
    }
    z.next_in = (Bytef *)data;
    z.avail_in = (uInt)len;
    z.next_out = buf;
    z.avail_out = (uInt)cap;
    int rc = deflate(&z, Z_FINISH);
    *out_len = z.total_out;
    deflateEnd(&z);
    if (rc != Z_STREAM_END) {
        free(buf);
        return false;
    }
    *out = buf;
    return true;
}

/* A response of data (copied unless persistent), compressed when it is
 * large and the client accepts gzip. */
static struct MHD_Response *respond(struct MHD_Connection *con, const void *data, size_t len,
                                    bool persistent)
{
    const char *accept = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Accept-Encoding");
    void *z;
    size_t z_len;
    if (len >= COMPRESS_MIN && len <= UINT32_MAX && accept && strstr(accept, "gzip") &&
        gzip(data, len, &z, &z_len)) {
        struct MHD_Response *r = MHD_create_response_from_buffer(z_len, z, MHD_RESPMEM_MUST_FREE);
        if (r) {
            MHD_add_response_header(r, "Content-Encoding", "gzip");
            MHD_add_response_header(r, "Vary", "Accept-Encoding");
        } else {
            free(z);
        }
        return r;
    }
    struct MHD_Response *r = MHD_create_response_from_buffer(
        len, (void *)data, persistent ? MHD_RESPMEM_PERSISTENT : MHD_RESPMEM_MUST_COPY);
    if (r && len >= COMPRESS_MIN)
        MHD_add_response_header(r, "Vary", "Accept-Encoding");
    return r;
}

/* The dashboard: "/" and "/static/..." from the files embedded in the
 * binary; the page is checked again each time, the rest kept an hour.
 * The policy keeps every request of the page on this server. */
static enum MHD_Result answer_web(struct MHD_Connection *con, const char *url, const char *method)
{
    const struct web_file *f = web_find(url);
    bool get = strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
    struct MHD_Response *r;
    unsigned status = MHD_HTTP_OK;
    if (!f || !get) { /* a JSON error, as the APIs answer them */
        struct taxii_response rs = {0};
        buf_init(&rs.body, 0);
        if (f)
            taxii_error(&rs, 405, "Method Not Allowed", "The dashboard is read with GET.");
        else
            taxii_error(&rs, 404, "Not found", "No such file.");
        status = (unsigned)rs.status;
        r = respond(con, rs.body.data, rs.body.len, false);
        buf_free(&rs.body);
        if (r)
            MHD_add_response_header(r, "Content-Type", "application/json");
    } else {
        r = respond(con, f->data, f->len, true);
        if (r) {
            MHD_add_response_header(r, "Content-Type", f->media_type);
            MHD_add_response_header(r, "Cache-Control", strcmp(f->path, "/") == 0
                                                            ? "no-cache"
                                                            : "public, max-age=3600");
            MHD_add_response_header(r, "Content-Security-Policy",
                                    "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                                    "img-src 'self' data:; frame-ancestors 'none'");
        }
    }
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    enum MHD_Result ok = MHD_queue_response(con, status, r);
    MHD_destroy_response(r);
    return ok;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *data,
                              size_t *data_size, void **con_cls)
{
    struct server *sv = cls;
    (void)version;
    if (!*con_cls) { /* the first call: headers only */
        struct upload *up = xcalloc(1, sizeof *up);
        buf_init(&up->body, 0);
        *con_cls = up;
        return MHD_YES;
    }
    struct upload *up = *con_cls;
    if (strcmp(url, "/") == 0 || strncmp(url, "/static/", 8) == 0 ||
        strcmp(url, "/favicon.ico") == 0) {
        if (*data_size) { /* a body sent to the dashboard is read and dropped */
            *data_size = 0;
            return MHD_YES;
        }
        return answer_web(con, url, method);
    }
    if (*data_size) {
        if (up->body.len + *data_size > TAXII_MAX_CONTENT)
            up->too_big = true;
        else
            buf_append(&up->body, data, *data_size);
        *data_size = 0;
        return MHD_YES;
    }
    struct worker *w = checkout(sv);
    republish(sv, w);
    struct taxii_request rq = {method, url, query_of, header_of, con, up->body.data,
                               up->too_big ? TAXII_MAX_CONTENT + 1 : up->body.len};
    struct taxii_response rs;
    if (strncmp(url, "/api/", 5) == 0) {
        const union MHD_ConnectionInfo *ci =
            MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
        const struct sockaddr_in *sa = ci ? (const struct sockaddr_in *)ci->client_addr : NULL;
        bool local = sa && sa->sin_family == AF_INET &&
                     ntohl(sa->sin_addr.s_addr) == INADDR_LOOPBACK;
        api_handle(w->api, &rq, local, &rs);
    } else {
        taxii_handle(w->t, &rq, &rs);
    }
    checkin(sv, w);
    struct MHD_Response *r = respond(con, rs.body.data, rs.body.len, false);
    enum MHD_Result ok = MHD_NO;
    if (r) {
        MHD_add_response_header(r, "Content-Type", strncmp(url, "/api/", 5) == 0
                                                       ? "application/json"
                                                       : TAXII_MEDIA);
        if (rs.date_first[0]) {
            MHD_add_response_header(r, "X-TAXII-Date-Added-First", rs.date_first);
            MHD_add_response_header(r, "X-TAXII-Date-Added-Last", rs.date_last);
        }
        if (rs.www_authenticate)
            MHD_add_response_header(r, "WWW-Authenticate", "Basic realm=\"sitrep\", Bearer");
        ok = MHD_queue_response(con, (unsigned)rs.status, r);
        MHD_destroy_response(r);
    }
    buf_free(&rs.body);
    return ok;
}

static void finished(void *cls, struct MHD_Connection *con, void **con_cls,
                     enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)con, (void)toe;
    struct upload *up = *con_cls;
    if (up) {
        buf_free(&up->body);
        free(up);
        *con_cls = NULL;
    }
}

/* The workers' handlers and stores, the first (home) last. */
static void workers_free(struct server *sv)
{
    for (size_t i = sv->n; i-- > 0;) {
        api_free(sv->w[i].api);
        taxii_free(sv->w[i].t);
        store_close(sv->w[i].s);
    }
    pthread_cond_destroy(&sv->idle);
    pthread_mutex_destroy(&sv->lock);
}

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
    (void)sig;
    stop = 1;
}

/* Reads a whole PEM file; NULL (after a message) when it cannot. */
static char *read_pem(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "sitrep: %s: cannot open\n", path);
        return NULL;
    }
    struct buf b;
    buf_init(&b, 0);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < (1u << 20))
        buf_append(&b, chunk, n);
    fclose(f);
    buf_putc(&b, '\0');
    char *s = xstrdup(b.data);
    buf_free(&b);
    return s;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, NULL, 'd'},
        {"listen", required_argument, NULL, 'l'},
        {"tls-cert", required_argument, NULL, 'c'},
        {"tls-key", required_argument, NULL, 'k'},
        {"anonymous", required_argument, NULL, 'a'},
        {"threads", required_argument, NULL, 't'},
        {NULL, 0, NULL, 0}};
    const char *db = NULL, *listen = "127.0.0.1:8080", *cert = NULL, *key = NULL;
    int anonymous = TLP_CLEAR; /* local requests without credentials read clear data */
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t threads = cpus < 1 ? 1 : cpus > MAX_THREADS ? MAX_THREADS : (size_t)cpus;
    int c;
    optind = 1;
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
        switch (c) {
        case 'd': db = optarg; break;
        case 'l': listen = optarg; break;
        case 'c': cert = optarg; break;
        case 'k': key = optarg; break;
        case 't': {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 1 || v > MAX_THREADS)
                return cli_usage_error("serve", "--threads is 1 to %d, not '%s'", MAX_THREADS,
                                       optarg);
            threads = (size_t)v;
            break;
        }
        case 'a': {
            enum tlp t;
            if (strcmp(optarg, "none") == 0)
                anonymous = -1;
            else if (tlp_parse(optarg, &t) && t != TLP_RED)
                anonymous = (int)t;
            else
                return cli_usage_error("serve", "--anonymous is none, clear, green, amber or "
                                                "amber+strict, not '%s'", optarg);
            break;
        }
        default:
            return cli_option_error("serve", c, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
    if (!cert != !key)
        return cli_usage_error("serve", "TLS needs both --tls-cert and --tls-key");
    char host[64];
    const char *colon = strrchr(listen, ':');
    long port = colon ? strtol(colon + 1, NULL, 10) : 0;
    if (!colon || (size_t)(colon - listen) >= sizeof host || port < 1 || port > 65535)
        return cli_usage_error("serve", "--listen wants ADDR:PORT such as 127.0.0.1:8080, "
                                        "not '%s'", listen);
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &addr.sin_addr) != 1)
        return cli_usage_error("serve", "--listen wants an IPv4 address, not '%s'", host);

    const char *path;
    struct store *s;
    if (cli_open_store(db, &s, &path) != EXIT_OK)
        return EXIT_FAIL;
    static struct server sv; /* large (its workers); one per process */
    sv.n = threads;
    pthread_mutex_init(&sv.lock, NULL);
    pthread_cond_init(&sv.idle, NULL);
    sv.w[0].s = s;
    sv.w[0].t = taxii_new(s);
    if (!sv.w[0].t) {
        fprintf(stderr, "sitrep: cannot initialise libsodium\n");
        store_close(s);
        return EXIT_FAIL;
    }
    size_t published = 0;
    if (store_generation(s, &sv.generation) != ERR_OK ||
        taxii_publish(sv.w[0].t, &published) != ERR_OK) {
        fprintf(stderr, "sitrep: %s: cannot publish its objects: %s\n", path, store_errmsg(s));
        workers_free(&sv);
        return EXIT_FAIL;
    }
    sv.published = time(NULL);
    sv.w[0].api = api_new(s, sv.w[0].t, anonymous);
    for (size_t i = 1; i < sv.n; i++) {
        char err[512];
        if (store_open(path, &sv.w[i].s, err, sizeof err) != ERR_OK) {
            fprintf(stderr, "sitrep: %s\n", err);
            workers_free(&sv);
            return EXIT_FAIL;
        }
        sv.w[i].t = taxii_worker(sv.w[0].t, sv.w[i].s);
        sv.w[i].api = api_worker(sv.w[0].api, sv.w[i].s, sv.w[i].t);
    }
    char *cert_pem = cert ? read_pem(cert) : NULL, *key_pem = key ? read_pem(key) : NULL;
    if ((cert && !cert_pem) || (key && !key_pem)) {
        free(cert_pem);
        free(key_pem);
        workers_free(&sv);
        return EXIT_FAIL;
    }
    unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG;
    struct MHD_Daemon *d;
    if (cert)
        d = MHD_start_daemon(flags | MHD_USE_TLS, (uint16_t)port, NULL, NULL, answer, &sv,
                             MHD_OPTION_THREAD_POOL_SIZE, (unsigned)sv.n,
                             MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_NOTIFY_COMPLETED, finished,
                             NULL, MHD_OPTION_HTTPS_MEM_CERT, cert_pem, MHD_OPTION_HTTPS_MEM_KEY,
                             key_pem, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
                             MHD_OPTION_END);
    else
        d = MHD_start_daemon(flags, (uint16_t)port, NULL, NULL, answer, &sv,
                             MHD_OPTION_THREAD_POOL_SIZE, (unsigned)sv.n,
                             MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_NOTIFY_COMPLETED, finished,
                             NULL, MHD_OPTION_CONNECTION_TIMEOUT, 30u,
                             MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONNECTION_MEMORY,
                             MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "sitrep: cannot listen on %s%s\n", listen,
                cert ? " with TLS (is the certificate and key pair valid?)" : "");
        free(cert_pem);
        free(key_pem);
        workers_free(&sv);
        return EXIT_FAIL;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    fprintf(stderr, "sitrep: TAXII 2.1 on %s://%s/taxii2/ (%zu objects published from %s)\n",
            cert ? "https" : "http", listen, published, path);
    fprintf(stderr, "sitrep: JSON API on %s://%s/api/ (anonymous on 127.0.0.1: %s), "
                    "dashboard at /; %zu thread%s; Ctrl-C stops\n",
            cert ? "https" : "http", listen, anonymous < 0 ? "none" : tlp_name((enum tlp)anonymous),
            sv.n, sv.n == 1 ? "" : "s");
    while (!stop)
        pause();
    MHD_stop_daemon(d);
    free(cert_pem);
    free(key_pem);
    workers_free(&sv);
    fprintf(stderr, "sitrep: stopped\n");
    return EXIT_OK;
}
