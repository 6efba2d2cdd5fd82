package org.gallery.search.embedding;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A CLIP model run in-process by ONNX Runtime, from a folder laid out as the common exports are:
 * {@code visual/model.onnx} (pixels in, image embeddings out), {@code textual/model.onnx} (token ids in, text
 * embeddings out), {@code textual/tokenizer.json}, and {@code visual/preprocess_cfg.json} / {@code config.json} for
 * the image size, mean, standard deviation and context length. Tokenizing and preprocessing are done here, in Java.
 * Nothing is downloaded.
 */
public final class OnnxEmbeddingModel implements EmbeddingModel {

    /** Images or texts per model run: bounds the memory of one run (32 × 3 × 224² floats is 19 MB). */
    static final int BATCH = 32;

    private final String name;
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession visual;
    private final OrtSession textual;
    private final ClipTokenizer tokenizer;
    private final ClipPreprocessor preprocessor;
    private final int context;
    private final int dimension;

    public OnnxEmbeddingModel(Path dir) {
        try {
            OnnxModelConfig config = OnnxModelConfig.read(dir);
            this.name = "onnx:" + dir.getFileName();
            this.preprocessor = new ClipPreprocessor(config.imageSize(), config.mean(), config.std());
            this.context = config.contextLength();
            this.tokenizer = ClipTokenizer.load(config.tokenizer());
            var options = new OrtSession.SessionOptions();
            this.visual = env.createSession(config.visual().toString(), options);
            this.textual = env.createSession(config.textual().toString(), options);
            this.dimension = outputDimension(visual, "image_embeds");
            int textDimension = outputDimension(textual, "text_embeds");
            if (dimension != textDimension) {
                throw new EmbeddingException("The visual model makes vectors of " + dimension + " values, the textual "
                        + "one of " + textDimension + ": not one model (EMBEDDING_MODEL_DIR " + dir + ")");
            }
        } catch (IOException | OrtException e) {
            throw new EmbeddingException("The ONNX model in " + dir + " (EMBEDDING_MODEL_DIR) cannot be loaded: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<float[]> embedImages(List<byte[]> jpegs) {
        List<BufferedImage> images = new ArrayList<>(jpegs.size());
        for (byte[] jpeg : jpegs) {
            images.add(decode(jpeg));
        }
        return embedPixels(images);
    }

    /** Images already decoded (upright, RGB). */
    List<float[]> embedPixels(List<BufferedImage> images) {
        List<float[]> out = new ArrayList<>(images.size());
        int s = preprocessor.size();
        int per = 3 * s * s;
        for (int from = 0; from < images.size(); from += BATCH) {
            List<BufferedImage> batch = images.subList(from, Math.min(images.size(), from + BATCH));
            float[] pixels = new float[batch.size() * per];
            for (int i = 0; i < batch.size(); i++) {
                preprocessor.tensor(batch.get(i), pixels, i * per);
            }
            try (OnnxTensor input = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels),
                    new long[] {batch.size(), 3, s, s})) {
                out.addAll(run(visual, input, "image_embeds"));
            } catch (OrtException e) {
                throw new EmbeddingException("The visual model failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    @Override
    public List<float[]> embedTexts(List<String> texts) {
        List<float[]> out = new ArrayList<>(texts.size());
        boolean int32 = inputType(textual) == OnnxJavaType.INT32;
        for (int from = 0; from < texts.size(); from += BATCH) {
            List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
            long[] ids = new long[batch.size() * context];
            for (int i = 0; i < batch.size(); i++) {
                System.arraycopy(tokenizer.encode(batch.get(i), context), 0, ids, i * context, context);
            }
            long[] shape = {batch.size(), context};
            try (OnnxTensor input = int32 ? OnnxTensor.createTensor(env, IntBuffer.wrap(toInts(ids)), shape)
                    : OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape)) {
                out.addAll(run(textual, input, "text_embeds"));
            } catch (OrtException e) {
                throw new EmbeddingException("The textual model failed: " + e.getMessage(), e);
            }
        }
        return out;
    }

    private static List<float[]> run(OrtSession session, OnnxTensor input, String preferredOutput) throws OrtException {
        String inputName = session.getInputNames().iterator().next();
        String outputName = outputName(session, preferredOutput);
        try (OrtSession.Result result = session.run(Map.of(inputName, input), java.util.Set.of(outputName))) {
            float[][] vectors = (float[][]) result.get(0).getValue();
            List<float[]> out = new ArrayList<>(vectors.length);
            for (float[] v : vectors) {
                out.add(Vectors.normalize(v));
            }
            return out;
        }
    }

    private static String outputName(OrtSession session, String preferred) throws OrtException {
        if (session.getOutputNames().contains(preferred)) {
            return preferred;
        }
        for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
            if (e.getValue().getInfo() instanceof TensorInfo t && t.getShape().length == 2) {
                return e.getKey();
            }
        }
        throw new EmbeddingException("The model has no output of shape [batch, dimension]");
    }

    private static int outputDimension(OrtSession session, String preferred) throws OrtException {
        TensorInfo info = (TensorInfo) session.getOutputInfo().get(outputName(session, preferred)).getInfo();
        long d = info.getShape()[1];
        if (d <= 0) {
            throw new EmbeddingException("The model does not declare the length of its vectors");
        }
        return (int) d;
    }

    private static OnnxJavaType inputType(OrtSession session) {
        try {
            return ((TensorInfo) session.getInputInfo().values().iterator().next().getInfo()).type;
        } catch (OrtException e) {
            throw new EmbeddingException("The textual model's input cannot be read: " + e.getMessage(), e);
        }
    }

    private static int[] toInts(long[] ids) {
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = (int) ids[i];
        }
        return out;
    }

    private static BufferedImage decode(byte[] jpeg) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (image == null) {
                throw new EmbeddingException("The image to embed is not a JPEG");
            }
            return image;
        } catch (IOException e) {
            throw new EmbeddingException("The image to embed cannot be decoded: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            visual.close();
            textual.close();
        } catch (OrtException e) {
            // closing at shutdown: nothing left to do about it
        }
    }
}
