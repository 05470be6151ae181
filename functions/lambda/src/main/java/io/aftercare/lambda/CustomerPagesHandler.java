package io.aftercare.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.feedback.Surveys;
import io.aftercare.domain.shop.Language;
import io.aftercare.domain.shop.ShopSettings;
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
 * {@code /f/{token}} is a survey: a score's link records that score when opened (mail scanners open it too: a later
 * click changes it, see {@link io.aftercare.domain.feedback.Surveys}) and its page takes a comment ({@code POST
 * comment=}); a survey's or an order's page asks the question ({@code POST score=}). A forged or altered token, or a
 * link past its 28 days, gets a 400 page and changes nothing.
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
        var surveys = app.surveys();
        return Routes.open()
                .on("GET /u/{token}", request -> links.unsubscribeLink(request.path("token"))
                        .map(u -> HttpResponses.html(200, pages.confirmUnsubscribe(u.language(), links.shop(u.shop()).orElseThrow().settings(), u.category())))
                        .orElseGet(() -> invalid(request, pages)))
                .on("POST /u/{token}", request -> links.unsubscribe(request.path("token"), request.query("scope").filter("all"::equals).isPresent())
                        .map(u -> HttpResponses.html(200, pages.unsubscribed(u.language(), links.shop(u.shop()).orElseThrow().settings(), u.category())))
                        .orElseGet(() -> invalid(request, pages)))
                .on("GET /f/{token}", request -> {
                    String token = request.path("token");
                    Optional<APIGatewayV2HTTPResponse> page = links.scoreClick(token)
                            .flatMap(click -> surveys.answer(click.survey(), click.score()))
                            .map(answered -> answered(pages, links, answered))
                            .or(() -> links.surveyPage(token).flatMap(surveys::open)
                                    .map(s -> HttpResponses.html(200, pages.survey(s.language(), settings(links, s.shop()), s.kind()))))
                            .or(() -> links.surveyLink(token)
                                    .map(s -> HttpResponses.html(200, pages.survey(s.language(), settings(links, s.shop())))));
                    return page.orElseGet(() -> invalid(request, pages));
                })
                .on("POST /f/{token}", request -> {
                    String token = request.path("token");
                    Optional<String> comment = field(request, "comment");
                    if (comment.isPresent()) {
                        return links.scoreClick(token).flatMap(click -> surveys.comment(click.survey(), comment.get()))
                                .map(s -> HttpResponses.html(200, pages.surveyCommented(s.language(), settings(links, s.shop()))))
                                .orElseGet(() -> invalid(request, pages));
                    }
                    Optional<Integer> score = field(request, "score").flatMap(CustomerPagesHandler::number);
                    Optional<APIGatewayV2HTTPResponse> page = score.flatMap(n -> links.surveyPage(token).flatMap(link -> surveys.answer(link, n)))
                            .map(answered -> answered(pages, links, answered))
                            .or(() -> score.flatMap(n -> links.surveyLink(token).flatMap(link -> surveys.answerOrderPage(link, n)
                                    .map(kept -> HttpResponses.html(200, pages.surveyThanks(link.language(), settings(links, link.shop())))))));
                    return page.orElseGet(() -> invalid(request, pages));
                });
    }

    private static APIGatewayV2HTTPResponse answered(io.aftercare.email.CustomerPages pages, io.aftercare.domain.email.CustomerLinks links,
                                                     Surveys.Answered answered) {
        var survey = answered.survey();
        return HttpResponses.html(200, pages.surveyAnswered(survey.language(), settings(links, survey.shop()), survey.score().orElseThrow(),
                answered.changeable()));
    }

    /** The links were checked for their shop: it is there. */
    private static ShopSettings settings(io.aftercare.domain.email.CustomerLinks links, ShopId shop) {
        return links.shop(shop).orElseThrow().settings();
    }

    /** A form field of the body ({@code application/x-www-form-urlencoded}). */
    private static Optional<String> field(HttpRequest request, String name) {
        for (String pair : new String(request.body(), StandardCharsets.UTF_8).split("&")) {
            int eq = pair.indexOf('=');
            try {
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            } catch (IllegalArgumentException badEscape) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Optional<Integer> number(String text) {
        try {
            return Optional.of(Integer.parseInt(text.trim()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static APIGatewayV2HTTPResponse invalid(HttpRequest request, io.aftercare.email.CustomerPages pages) {
        Language language = request.header("accept-language").map(h -> h.split("[,;]")[0]).flatMap(Language::fromLocale).orElse(Language.EN);
        return HttpResponses.html(400, pages.invalidLink(language));
    }
}
