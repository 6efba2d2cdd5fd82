package org.gallery.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.gallery.config.InvalidSettingException;
import org.gallery.config.Settings;
import org.springframework.http.ContentDisposition;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/** The S3 client and presigner built from the settings, and the start-up check that the bucket answers. */
final class S3Connection {

    private S3Connection() {
    }

    static S3Client client(Settings.S3 s3) {
        var builder = S3Client.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3))
                .forcePathStyle(s3.pathStyle())
                // checksums only where the protocol requires them: S3-compatible servers differ in the newer ones
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(64)
                        // an unreachable store fails a request (and start-up) within seconds, not minutes
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .overrideConfiguration(o -> o.apiCallAttemptTimeout(Duration.ofMinutes(10)));
        if (s3.endpoint() != null) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        return builder.build();
    }

    static S3Presigner presigner(Settings.S3 s3) {
        var builder = S3Presigner.builder()
                .region(Region.of(s3.region()))
                .credentialsProvider(credentials(s3))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(s3.pathStyle()).build());
        if (s3.endpoint() != null) {
            builder.endpointOverride(URI.create(s3.endpoint()));
        }
        return builder.build();
    }

    /** A GET URL that works for {@code validFor} without credentials, answering with this name and type. */
    static URI presign(S3Presigner presigner, String bucket, String objectKey, String fileName, String mimeType,
            Duration validFor) {
        String disposition = ContentDisposition.inline().filename(fileName, StandardCharsets.UTF_8).build().toString();
        var signed = presigner.presignGetObject(p -> p.signatureDuration(validFor).getObjectRequest(g -> g
                .bucket(bucket).key(objectKey).responseContentType(mimeType).responseContentDisposition(disposition)));
        try {
            return signed.url().toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AwsCredentialsProvider credentials(Settings.S3 s3) {
        return s3.accessKeyId() == null ? DefaultCredentialsProvider.builder().build()
                : StaticCredentialsProvider.create(AwsBasicCredentials.create(s3.accessKeyId(), s3.secretAccessKey()));
    }

    /** Fails start-up with one line naming the setting to fix when the bucket cannot be used. */
    static void check(S3Client client, Settings.S3 s3) {
        try {
            client.headBucket(b -> b.bucket(s3.bucket()));
        } catch (S3Exception e) {
            int status = e.statusCode();
            if (status == 404) {
                throw new InvalidSettingException("S3_BUCKET", s3.bucket(), "no such bucket at " + where(s3));
            }
            if (status == 401 || status == 403) {
                throw new InvalidSettingException("S3_ACCESS_KEY_ID", s3.accessKeyId(),
                        "the storage at " + where(s3) + " refused these credentials (or they may not use bucket "
                                + s3.bucket() + "); check S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY");
            }
            throw new InvalidSettingException("S3_ENDPOINT", s3.endpoint(),
                    "the storage answered HTTP " + status + " for bucket " + s3.bucket());
        } catch (SdkClientException e) {
            throw new InvalidSettingException("S3_ENDPOINT", s3.endpoint(), "cannot reach the storage at " + where(s3)
                    + ": " + rootMessage(e));
        } catch (SdkException e) {
            throw new InvalidSettingException("S3_ENDPOINT", s3.endpoint(), rootMessage(e));
        }
    }

    private static String where(Settings.S3 s3) {
        return s3.endpoint() != null ? s3.endpoint() : "AWS region " + s3.region();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
    }

    /** Whether the bucket answers; a bucket that answers is taken as writable, as writes are not probed. */
    static FileStore.Health health(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return new FileStore.Health("s3", true, true, -1);
        } catch (SdkException e) {
            return new FileStore.Health("s3", false, false, -1);
        }
    }
}
