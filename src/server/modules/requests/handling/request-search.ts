import { sql, type SQL } from 'drizzle-orm';
import { requestEvents, requests, searchVector, SEARCH_ACCENTS, SEARCH_PLAIN } from '../requests.tables.ts';

/** Staff-side texts that are searched too: internal notes, answers sent, the resident's replies. */
const SEARCHED_EVENTS = sql.raw(`'note', 'answer', 'reply'`);

/**
 * French full-text search (`q=`): websearch syntax (« "mots exacts" », « -exclu », « ou »), the
 * french stemmer (« cambriolage » finds « Cambriolages ») and accents folded on both sides
 * (« eclairage » finds « éclairage »), and prefixes of the longer words. The expressions are those of the GIN indexes of
 * requests.tables.ts, so that PostgreSQL can use them.
 */
export function searchCondition(q: string): SQL {
  // Stemmed words of 4 letters or more also match as prefixes: the french stemmer leaves some
  // plurals alone (« rodeos »), and « rodeo » should still find them.
  const words = sql`websearch_to_tsquery('french'::regconfig, translate(lower(${q}), ${SEARCH_ACCENTS}, ${SEARCH_PLAIN}))::text`;
  const query = sql`to_tsquery('simple'::regconfig, regexp_replace(${words}, '''([^'']{4,})''', '''\\1'':*', 'g'))`;
  const own = searchVector(
    sql`${requests.reference} || ' ' || ${requests.description} || ' ' || coalesce(${requests.placeLabel}, '')`,
  );
  const events = searchVector(sql`coalesce(${requestEvents.body}, '')`);
  return sql`(${own} @@ ${query} or exists (select 1 from ${requestEvents} where ${requestEvents.requestId} = ${requests.id} and ${requestEvents.kind} in (${SEARCHED_EVENTS}) and ${events} @@ ${query}))`;
}
