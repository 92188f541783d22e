package dev.parley.testing;

import dev.parley.api.Page;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The dashboard as a browser without JavaScript sees it, at the HTTP level: it keeps cookies as they are set, follows
 * no redirect by itself, and reads the CSRF token from the last form page.
 */
public final class DashboardClient {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]*)\"");
    private static final Pattern NEW_KEY = Pattern.compile(
            "id=\"new-key-id\">([^<]+)<.*id=\"new-key-secret\"[^>]*>([^<]+)<", Pattern.DOTALL);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final String baseUrl;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    public DashboardClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A response as the tests look at it. */
    public record Page(int status, HttpHeaders headers, String body) {
        public String location() {
            return headers.firstValue("Location").orElse(null);
        }

        public List<String> setCookies() {
            return headers.allValues("Set-Cookie");
        }

        /** The Set-Cookie header of that cookie, or null. */
        public String setCookie(String name) {
            return setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst().orElse(null);
        }

        /** The CSRF token of the page's first form. */
        public String csrf() {
            Matcher matcher = CSRF.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("no CSRF field on the page: " + this);
            }
            return matcher.group(1);
        }

        @Override
        public String toString() {
            return status + " " + headers.map() + "\n" + body;
        }
    }

    public Page get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Page post(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Opens the sign-in page and posts the form; answers the post's response. */
    public Page signIn(String email, String password) {
        Page form = get("/dashboard/sign-in");
        return post("/dashboard/sign-in", Map.of("csrf", form.csrf(), "email", email, "password", password));
    }

    /** Signs in and fails unless it worked. */
    public DashboardClient signedIn(String email, String password) {
        Page answer = signIn(email, password);
        if (answer.status() != 303 || !"/dashboard/account".equals(answer.location())) {
            throw new AssertionError("sign-in failed: " + answer);
        }
        return this;
    }

    /** A key as the dashboard shows it, once, right after creating it. */
    public record NewKey(String id, String secret) {
    }

    /**
     * Creates an account key on the Account page, as a signed-in owner, and reads what the page the form redirects
     * to shows of it.
     */
    public NewKey createAccountKey(String name) {
        Page posted = post("/dashboard/account/keys", Map.of("csrf", get("/dashboard/account").csrf(), "name", name));
        if (posted.status() != 303) {
            throw new AssertionError("the key form did not redirect: " + posted);
        }
        Page created = get(posted.location());
        Matcher key = NEW_KEY.matcher(created.body());
        if (!key.find()) {
            throw new AssertionError("no new key on the page: " + created);
        }
        return new NewKey(key.group(1), key.group(2));
    }

    public String cookie(String name) {
        return cookies.get(name);
    }

    public void setCookie(String name, String value) {
        cookies.put(name, value);
    }

    private Page send(HttpRequest.Builder request) {
        request.timeout(Duration.ofSeconds(30));
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        for (String header : response.headers().allValues("Set-Cookie")) {
            String pair = header.split(";", 2)[0];
            String name = pair.substring(0, pair.indexOf('='));
            String value = pair.substring(pair.indexOf('=') + 1);
            if (header.contains("Max-Age=0") || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
        return new Page(response.statusCode(), response.headers(), response.body());
    }
}
