package dev.teammate.drive;

import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.googleapis.auth.oauth2.GoogleCredential;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import org.apache.camel.CamelContext;
import org.apache.camel.RuntimeCamelException;
import org.apache.camel.component.google.drive.GoogleDriveClientFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Makes the {@link Drive} client of the {@code google-drive} component: Google's own client, pointed at a root URL
 * and a token endpoint taken from the settings, so a test differs from production only by those two URLs.
 *
 * <p>Credentials are either an OAuth client with a refresh token, or a service account key given as its JSON content
 * or as a path to the JSON file. The credential refreshes the access token itself when it is missing or expired, and
 * once more when Drive answers 401; a second 401 reaches {@link DriveCalls}, which fails the run.
 */
public class DriveClientFactory implements GoogleDriveClientFactory {

    private static final JsonFactory JSON = GsonFactory.getDefaultInstance();

    private final String rootUrl;
    private final String tokenUrl;
    private final int connectTimeoutMs;
    private final int readTimeoutMs;
    private final HttpTransport transport = new NetHttpTransport();

    /**
     * @param rootUrl  Drive's root URL, {@code https://www.googleapis.com/} in production (the client adds
     *                 {@code drive/v3/})
     * @param tokenUrl the OAuth token endpoint, {@code https://oauth2.googleapis.com/token} in production
     */
    public DriveClientFactory(String rootUrl, String tokenUrl, int connectTimeoutMs, int readTimeoutMs) {
        this.rootUrl = rootUrl.endsWith("/") ? rootUrl : rootUrl + "/";
        this.tokenUrl = tokenUrl;
        this.connectTimeoutMs = connectTimeoutMs;
        this.readTimeoutMs = readTimeoutMs;
    }

    @Override
    public Drive makeClient(String clientId, String clientSecret, Collection<String> scopes, String applicationName,
            String refreshToken, String accessToken) {
        if (clientId == null || clientSecret == null || refreshToken == null) {
            throw new IllegalArgumentException("Drive needs an OAuth client id, its secret and a refresh token");
        }
        Credential credential = new GoogleCredential.Builder()
                .setTransport(transport)
                .setJsonFactory(JSON)
                .setClientSecrets(clientId, clientSecret)
                .setTokenServerEncodedUrl(tokenUrl)
                .build()
                .setRefreshToken(refreshToken);
        if (accessToken != null && !accessToken.isBlank()) {
            credential.setAccessToken(accessToken);
        }
        return client(credential, applicationName);
    }

    @Override
    public Drive makeClient(CamelContext camelContext, String serviceAccountKey, Collection<String> scopes,
            String applicationName, String delegate) {
        try (InputStream key = keyContent(serviceAccountKey)) {
            GoogleCredential credential = GoogleCredential.fromStream(key, transport, JSON).createScoped(scopes);
            if (delegate != null && !delegate.isBlank()) {
                credential = credential.createDelegated(delegate);
            }
            // The key file names Google's token endpoint; the configured one wins so the URL is set in one place.
            credential = credential.toBuilder().setTokenServerEncodedUrl(tokenUrl).build();
            return client(credential, applicationName);
        } catch (IOException e) {
            // The message of a key parsing failure never holds the key itself.
            throw new RuntimeCamelException("Cannot read the Drive service account key: " + e.getMessage(), e);
        }
    }

    private Drive client(Credential credential, String applicationName) {
        HttpRequestInitializer initializer = request -> {
            credential.initialize(request);
            request.setConnectTimeout(connectTimeoutMs);
            request.setReadTimeout(readTimeoutMs);
        };
        return new Drive.Builder(transport, JSON, initializer)
                .setRootUrl(rootUrl)
                .setApplicationName(applicationName == null ? "Teammate" : applicationName)
                .build();
    }

    /** The key as a stream: the JSON itself when it looks like JSON, else the path of a file holding it. */
    private static InputStream keyContent(String key) throws IOException {
        if (key == null || key.isBlank()) {
            throw new IOException("no service account key given");
        }
        String trimmed = key.strip();
        if (trimmed.startsWith("{")) {
            return new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.UTF_8));
        }
        Path file = Path.of(trimmed.startsWith("file:") ? trimmed.substring("file:".length()) : trimmed);
        if (!Files.isRegularFile(file)) {
            throw new IOException("the key is neither JSON nor a readable file (" + file.getFileName() + ")");
        }
        return Files.newInputStream(file);
    }
}
