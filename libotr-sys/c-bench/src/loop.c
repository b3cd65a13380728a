/* The reference: two libotr user states in one process, alice encrypting and bob decrypting
 * N messages, with nothing but libotr calls and a FIFO of injected bodies between them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libotr/proto.h>
#include <libotr/userstate.h>
#include <libotr/privkey.h>
#include <libotr/message.h>

#define QUEUE 4096
static char *queue[QUEUE];
static const char *queue_to[QUEUE];
static size_t head, tail;
static int mms_value;
static long delivered;
static long not_otr; /* bodies that were not OTR data: the run is then invalid */

static OtrlPolicy policy(void *opdata, ConnContext *context) {
    (void)opdata; (void)context;
    /* messenger-otr's default policy, bit for bit (OtrSettings::policy_bits_for). */
    return OTRL_POLICY_ALLOW_V2 | OTRL_POLICY_WHITESPACE_START_AKE | OTRL_POLICY_ERROR_START_AKE
        | OTRL_POLICY_SEND_WHITESPACE_TAG;
}
static int is_logged_in(void *o, const char *a, const char *p, const char *r) {
    (void)o; (void)a; (void)p; (void)r; return 1;
}
static void inject(void *opdata, const char *a, const char *p, const char *recipient, const char *message) {
    (void)opdata; (void)a; (void)p;
    if (strncmp(message, "?OTR", 4) != 0) not_otr++;
    queue[tail % QUEUE] = strdup(message);
    queue_to[tail % QUEUE] = strcmp(recipient, "bob") == 0 ? "bob" : "alice";
    tail++;
}
static int max_message_size(void *opdata, ConnContext *context) {
    (void)opdata; (void)context; return mms_value;
}

static OtrlMessageAppOps ops;

static void deliver(OtrlUserState alice, OtrlUserState bob) {
    while (head != tail) {
        char *body = queue[head % QUEUE];
        const char *to = queue_to[head % QUEUE];
        head++;
        char *shown = NULL;
        int internal;
        if (strcmp(to, "bob") == 0) {
            internal = otrl_message_receiving(bob, &ops, NULL, "bob", "irc", "alice", body, &shown, NULL, NULL, NULL, NULL);
        } else {
            internal = otrl_message_receiving(alice, &ops, NULL, "alice", "irc", "bob", body, &shown, NULL, NULL, NULL, NULL);
        }
        if (!internal && shown) delivered++;
        otrl_message_free(shown);
        free(body);
    }
}

static OtrlUserState make_user(const char *name) {
    OtrlUserState us = otrl_userstate_create();
    FILE *f = tmpfile();
    otrl_privkey_generate_FILEp(us, f, name, "irc");
    fclose(f);
    f = tmpfile();
    otrl_instag_generate_FILEp(us, f, name, "irc");
    fclose(f);
    return us;
}

/* Sends `count` messages of `size` bytes from alice to bob with fragment size `mms`
 * (0 = none); returns the CPU seconds this thread used, or -1 if a message was lost. */
double otr_c_bench_one_way(long count, size_t size, int mms) {
    ops.policy = policy;
    ops.is_logged_in = is_logged_in;
    ops.inject_message = inject;
    ops.max_message_size = max_message_size;
    mms_value = mms;
    OtrlUserState alice = make_user("alice"), bob = make_user("bob");
    char *out = NULL;
    otrl_message_sending(alice, &ops, NULL, "alice", "irc", "bob", OTRL_INSTAG_BEST, "?OTR?", NULL, &out, OTRL_FRAGMENT_SEND_ALL, NULL, NULL, NULL);
    otrl_message_free(out);
    deliver(alice, bob);
    char *text = malloc(size + 1);
    for (size_t i = 0; i < size; i++) text[i] = 'a' + (char)(i % 26);
    text[size] = 0;
    delivered = 0;
    not_otr = 0;
    struct timespec start, end;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start);
    for (long i = 0; i < count; i++) {
        out = NULL;
        otrl_message_sending(alice, &ops, NULL, "alice", "irc", "bob", OTRL_INSTAG_BEST, text, NULL, &out, OTRL_FRAGMENT_SEND_ALL, NULL, NULL, NULL);
        otrl_message_free(out); /* the SEND_ALL copy: already injected */
        deliver(alice, bob);
    }
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end);
    free(text);
    otrl_userstate_free(alice);
    otrl_userstate_free(bob);
    if (delivered != count || not_otr != 0) return -1.0;
    return (double)(end.tv_sec - start.tv_sec) + (double)(end.tv_nsec - start.tv_nsec) / 1e9;
}
