/** The bge-small-zh model on ONNX Runtime, loaded once per JVM. */
package org.kept.meaning.internal;
