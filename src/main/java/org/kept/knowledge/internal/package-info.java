/**
 * How the knowledge base works: SQL stores, the Lucene index and the in-process sentence model. The index lives in
 * memory (ByteBuffersDirectory): every instance builds it from the database at startup from the stored vectors (no
 * model run), keeps it current by polling the change log, so there is no index file to go stale, back up or share.
 */
package org.kept.knowledge.internal;
