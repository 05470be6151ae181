package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.shop.Language;
import io.aftercare.lambda.http.HttpRequest;
import io.aftercare.lambda.http.HttpResponses;
import io.aftercare.lambda.http.RoutedHandler;
import io.aftercare.lambda.http.Routes;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The pages behind the links in customers' emails. {@code GET /u/{token}} asks before unsubscribing;
 * {@code POST /u/{token}} unsubscribes, and is also what mail clients call for RFC 8058 one-click unsubscribe.
 * {@code /f/{token}} is the one-question survey. A forged or altered token gets a 400 page and changes nothing.
 */
public final class CustomerPagesHandler extends RoutedHandler {

    public CustomerPagesHandler() {
        this(Aftercare.instance());
    }

    public CustomerPagesHandler(Aftercare app) {
        super(routes(app));
    }

    private static Routes routes(Aftercare app) {
        var links = app.customerLinks();
        var pages = app.customerPages();
        return Routes.open()
                .on("GET /u/{token}", request -> links.unsubscribeLink(request.path("token"))
                        .map(u -> HttpResponses.html(200, pages.confirmUnsubscribe(u.language(), links.shop(u.shop()).orElseThrow().settings(), u.category())))
                        .orElseGet(() -> invalid(request, pages)))
                .on("POST /u/{token}", request -> links.unsubscribe(request.path("token"), request.query("scope").filter("all"::equals).isPresent())
                        .map(u -> HttpResponses.html(200, pages.unsubscribed(u.language(), links.shop(u.shop()).orElseThrow().settings(), u.category())))
                        .orElseGet(() -> invalid(request, pages)))
                .on("GET /f/{token}", request -> links.surveyLink(request.path("token"))
                        .map(s -> HttpResponses.html(200, pages.survey(s.language(), links.shop(s.shop()).orElseThrow().settings())))
                        .orElseGet(() -> invalid(request, pages)))
                .on("POST /f/{token}", request -> score(request).flatMap(score -> links.answer(request.path("token"), score))
                        .map(a -> HttpResponses.html(200, pages.surveyThanks(a.survey().language(), links.shop(a.survey().shop()).orElseThrow().settings())))
                        .orElseGet(() -> invalid(request, pages)));
    }

    /** The form field {@code score=0..10}. */
    private static Optional<Integer> score(HttpRequest request) {
        for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals("score")) {
                try {
                    return Optional.of(Integer.parseInt(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8).trim()));
                } catch (IllegalArgumentException notANumber) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static APIGatewayV2HTTPResponse invalid(HttpRequest request, io.aftercare.email.CustomerPages pages) {
        Language language = request.header("accept-language").map(h -> h.split("[,;]")[0]).flatMap(Language::fromLocale).orElse(Language.EN);
        return HttpResponses.html(400, pages.invalidLink(language));
    }
}
