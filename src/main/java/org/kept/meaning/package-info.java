/** What a text means: the in-process sentence model (bge-small-zh) shared by every module that compares texts by meaning. */
package org.kept.meaning;
