/** Knowledge base (知识库) and scripts (话术): versioned articles, Chinese search by words and meaning, citations, business changes. */
package org.kept.knowledge;
