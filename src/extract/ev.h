/* ev.h - the event extractor: a pure function from a document to events.
 *
 * Pipeline: tokens and sentences (text/tok.h) -> dictionary matches
 * (lexicon/lex.h) -> one frame per sentence (trigger, tolls, actor, place,
 * date) -> frames merged across sentences of one incident -> events.
 * Every event cites the sentence that states it (byte offsets into
 * d->text). Nothing here touches the store or prints. */
#ifndef SITREP_EV_H
#define SITREP_EV_H

#include "../core/buf.h"
#include "../ingest/ingest.h"
#include "event.h"

#define EV_MAX_EVENTS 1000 /* events kept per document */

/* Appends the events of d to out (each with doc set, uid unset). Returns
 * ERR_OK, or ERR_TOOBIG when the document had more tokens or events than
 * the limits (the events found up to the limit are kept). */
int ev_extract(const struct doc *d, struct event_list *out);

/* The same, also appending to explain (when not NULL) a narrative for
 * people: what each sentence was found to hold, the rule that typed it,
 * and what became of it (an event, joined to one, or why none). */
int ev_extract_explain(const struct doc *d, struct event_list *out, struct buf *explain);

#endif
