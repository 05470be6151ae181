package io.aftercare.lambda;

import io.aftercare.domain.access.Access;
import io.aftercare.domain.action.ActionKind;
import io.aftercare.domain.action.ActionQueue;
import io.aftercare.domain.action.ActionWorker;
import io.aftercare.domain.metrics.WeeklySummaries;
import io.aftercare.domain.action.DailyQuota;
import io.aftercare.domain.action.Sweep;
import io.aftercare.domain.email.CustomerLinks;
import io.aftercare.domain.feedback.LowScoreFollowUp;
import io.aftercare.domain.feedback.Surveys;
import io.aftercare.domain.discount.DiscountAccess;
import io.aftercare.domain.discount.DiscountPool;
import io.aftercare.domain.discount.PoolDiscounts;
import io.aftercare.domain.discount.Redemptions;
import io.aftercare.domain.email.DiscountCodes;
import io.aftercare.domain.email.EmailSender;
import io.aftercare.domain.email.EmailTemplates;
import io.aftercare.domain.email.InboundDomain;
import io.aftercare.domain.email.ReplyTokens;
import io.aftercare.domain.email.Threading;
import io.aftercare.domain.inbound.InboundMail;
import io.aftercare.domain.email.LinkTokens;
import io.aftercare.domain.email.MailboxEvents;
import io.aftercare.domain.email.EmailKind;
import io.aftercare.domain.email.PostPurchaseEmails;
import io.aftercare.domain.email.SendStep;
import io.aftercare.domain.email.TemplateOverrideCache;
import io.aftercare.domain.delivery.DeliveryCases;
import io.aftercare.domain.returns.ReturnReview;
import io.aftercare.domain.email.PublicLinks;
import io.aftercare.domain.shop.ShopAdmin;
import io.aftercare.domain.shop.ShopCache;
import io.aftercare.domain.PublicHost;
import io.aftercare.domain.ticket.ChatWebhookUrl;
import io.aftercare.domain.ticket.TicketDeadlines;
import io.aftercare.domain.ticket.TicketSurveys;
import io.aftercare.domain.ticket.TicketEmails;
import io.aftercare.domain.ticket.TicketPresence;
import io.aftercare.domain.ticket.TicketService;
import io.aftercare.domain.access.Preferences;
import io.aftercare.domain.privacy.PrivacyRequests;
import io.aftercare.domain.privacy.SuppressionKey;
import io.aftercare.domain.replies.SavedReplies;
import io.aftercare.domain.search.Search;
import io.aftercare.domain.timeline.TimelineReader;
import io.aftercare.domain.webhook.WebhookIngestion;
import io.aftercare.dynamodb.DynamoAccessStore;
import io.aftercare.dynamodb.DynamoPresenceStore;
import io.aftercare.dynamodb.DynamoPrivacy;
import io.aftercare.dynamodb.DynamoActionStore;
import io.aftercare.dynamodb.DynamoRecipientStore;
import io.aftercare.dynamodb.DynamoRecordingStore;
import io.aftercare.dynamodb.DynamoReturnPointers;
import io.aftercare.dynamodb.DynamoDiscountPool;
import io.aftercare.dynamodb.DynamoInboundStore;
import io.aftercare.dynamodb.DynamoIssuedDiscounts;
import io.aftercare.dynamodb.DynamoShopRepository;
import io.aftercare.dynamodb.DynamoSurveyStore;
import io.aftercare.dynamodb.DynamoMetricsStore;
import io.aftercare.dynamodb.DynamoPriming;
import io.aftercare.dynamodb.MetricsAggregator;
import io.aftercare.dynamodb.DynamoTemplateOverrides;
import io.aftercare.dynamodb.DynamoTicketStore;
import io.aftercare.dynamodb.DynamoTimelineAppender;
import io.aftercare.dynamodb.DynamoPreferences;
import io.aftercare.dynamodb.DynamoSavedReplies;
import io.aftercare.dynamodb.DynamoSearch;
import io.aftercare.dynamodb.DynamoTimelineReader;
import io.aftercare.email.CustomerPages;
import io.aftercare.email.MustacheEmailRenderer;
import io.aftercare.email.SesEmailSender;
import io.aftercare.email.SignInEmails;
import io.aftercare.email.TimelineWording;
import io.aftercare.email.StaffNotices;
import io.aftercare.platforms.discounts.PlatformDiscounts;
import io.aftercare.platforms.discounts.PlatformHttp;
import io.aftercare.platforms.shopify.ShopifyReturnLookup;
import io.aftercare.lambda.http.Gate;
import io.aftercare.lambda.inbound.ReceivedMail;
import io.aftercare.lambda.inbound.S3InboundBucket;
import io.aftercare.lambda.queue.SqsActionQueue;
import io.aftercare.domain.inbound.MessageParser;
import io.aftercare.domain.inbound.InboundStore;
import io.aftercare.domain.inbound.StoredAttachment;
import io.aftercare.domain.ShopId;
import io.aftercare.domain.timeline.Subject;
import io.aftercare.mail.MimeMessageParser;
import io.aftercare.platforms.generic.GenericAdapter;
import io.aftercare.platforms.shopify.ShopifyAdapter;
import io.aftercare.platforms.woocommerce.WooCommerceAdapter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The one place Aftercare is wired together: configuration, AWS clients, adapters and domain services. Each Lambda
 * container builds it once ({@link #instance()}) and each handler asks only for the services it runs, which are
 * built on first use; the local runner and the tests build it with their own clients through {@link #builder()}.
 */
public final class Aftercare {

    private final Supplier<WebhookIngestion> webhooks;
    private final Supplier<ShopAdmin> shops;
    private final Supplier<TimelineReader> timelines;
    private final Search search;
    private final SavedReplies savedReplies;
    private final Preferences.Store preferences;
    private final Supplier<AdminAuth> adminAuth;
    private final Supplier<Sweep> sweep;
    private final Supplier<ActionWorker> actionWorker;
    private final Supplier<TicketService> tickets;
    private final Supplier<InboundMail> inboundMail;
    private final Supplier<TicketPresence> presence;
    private final Supplier<MailboxEvents> mailboxEvents;
    private final Supplier<CustomerLinks> customerLinks;
    private final Supplier<Surveys> surveys;
    private final Supplier<EmailTemplates> templates;
    private final Supplier<CustomerPages> customerPages = new Lazy<>(CustomerPages::new);
    private final Supplier<TimelineWording> timelineWording = new Lazy<>(TimelineWording::new);
    private final Supplier<Telemetry> telemetry = new Lazy<>(Telemetry::new);
    private final ChatWebhookUrl.Rules chatWebhooks;
    private final DiscountAccess.Store discountAccess;
    private final DiscountPool discountPool;
    private final Supplier<Access> access;
    private final Supplier<Gate> gate;
    private final Runnable primeStorage;
    private final Supplier<URI> publicUrl;
    private final Supplier<DynamoMetricsStore> metrics;
    private final Supplier<MetricsAggregator> aggregator;
    private final DynamoPrivacy privacyStore;
    private final Supplier<PrivacyRequests> privacy;
    private final Supplier<S3InboundBucket> inboundBucket;
    private final InboundStore inboundStore;
    private final Supplier<ReceivedMail> receivedMail;

    private Aftercare(Builder b) {
        DynamoDbClient dynamo = b.dynamo;
        this.primeStorage = () -> DynamoPriming.read(dynamo, b.table);
        this.chatWebhooks = b.chatWebhooks;
        String table = b.table;
        var shopRepository = new DynamoShopRepository(dynamo, table);
        var shopCache = new ShopCache(shopRepository, b.clock);
        var orders = new DynamoTimelineReader(dynamo, table);
        var recipients = new DynamoRecipientStore(dynamo, table);
        Supplier<SuppressionKey> suppressionKey = new Lazy<>(() -> new SuppressionKey(b.linkKey.get()));
        var actions = new DynamoActionStore(dynamo, table, b.dueShards, suppressionKey);
        // where mail is received, the privacy jobs delete its attachments too
        this.privacyStore = new DynamoPrivacy(dynamo, table, b.dueShards, suppressionKey,
                b.inboundDomain.map(domain -> b.inboundBucket::get));
        this.privacy = new Lazy<>(() -> new PrivacyRequests(privacyStore, actions, b.clock));
        var appender = new DynamoTimelineAppender(dynamo, table);
        var overrides = new TemplateOverrideCache(new DynamoTemplateOverrides(dynamo, table), b.clock);
        Supplier<MustacheEmailRenderer> renderer = new Lazy<>(MustacheEmailRenderer::new);
        // Only functions that send build the SES client: the first email they send builds it.
        Supplier<SesEmailSender> ses = new Lazy<>(() -> new SesEmailSender(b.ses.get(), b.sesConfigurationSet));
        EmailSender sender = email -> ses.get().send(email);
        var ticketStore = new DynamoTicketStore(dynamo, table, b.dueShards);
        this.tickets = new Lazy<>(() -> new TicketService(ticketStore, shopCache, orders, recipients, b.clock));
        Supplier<LinkTokens> tokens = new Lazy<>(() -> new LinkTokens(b.linkKey.get()));
        var inboundStore = new DynamoInboundStore(dynamo, table);
        Supplier<Threading> threading = new Lazy<>(() -> new Threading(b.inboundDomain, new ReplyTokens(tokens.get()), inboundStore));
        this.inboundMail = new Lazy<>(() -> new InboundMail(inboundStore, b.inboundBucket.get(), threading.get(), shopCache, tickets.get(), orders,
                appender, b.clock));
        Supplier<PublicLinks> links = new Lazy<>(() -> new PublicLinks(b.publicUrl, tokens.get()));
        this.surveys = new Lazy<>(() -> new Surveys(new DynamoSurveyStore(dynamo, table), links.get(),
                new LowScoreFollowUp(tickets.get(), orders), appender, b.clock));

        var issued = new DynamoIssuedDiscounts(dynamo, table, b.dueShards);
        this.discountPool = new DynamoDiscountPool(dynamo, table);
        this.discountAccess = shopRepository;
        var staff = new Lazy<>(() -> new StaffNotices(sender, b.chatWebhooks));
        Supplier<DiscountNotices> discountEvents = new Lazy<>(() -> new DiscountNotices(telemetry.get(), staff, (shop, role) -> access().holding(shop, role)));
        // one client for the shops' APIs, built when a function first calls one
        Supplier<PlatformHttp> shopApis = new Lazy<>(b.shopApis);
        Supplier<DiscountCodes> discounts = new Lazy<>(() -> new DiscountCodes(tokens.get(),
                new PlatformDiscounts(shopRepository, shopApis.get(), new PoolDiscounts(discountPool, discountEvents.get())),
                issued, discountEvents.get(), b.clock));

        var recordings = new DynamoRecordingStore(dynamo, table, b.dueShards);
        this.webhooks = new Lazy<>(() -> new WebhookIngestion(shopCache,
                List.of(new ShopifyAdapter(b.clock), new WooCommerceAdapter(), new GenericAdapter()),
                recordings, tickets.get(), new Redemptions(issued, appender, discountEvents.get(), b.clock), privacy.get(),
                new DynamoReturnPointers(dynamo, table), new ShopifyReturnLookup(shopRepository, shopApis), b.clock));
        this.preferences = new DynamoPreferences(dynamo, table);
        this.metrics = new Lazy<>(() -> new DynamoMetricsStore(dynamo, table, b.clock));
        Supplier<WeeklySummaries> weeklySummaries = new Lazy<>(() -> new WeeklySummaries(actions, shopCache, shop -> access().members(shop),
                // the renderer is built by the first summary sent, not by the admin function scheduling one
                preferences, (shop, from, to) -> metrics.get().days(shop, from, to), (summary, shop, language, page) -> renderer.get().render(summary, shop, language, page),
                sender, b.publicUrl, b.clock));
        this.shops = new Lazy<>(() -> new ShopAdmin(shopRepository, shopCache, shop -> weeklySummaries.get().scheduleNext(shop), b.clock));
        this.timelines = () -> orders;
        this.search = new DynamoSearch(dynamo, table);
        this.savedReplies = new DynamoSavedReplies(dynamo, table);
        this.adminAuth = new Lazy<>(() -> new AdminAuth(b.adminToken));
        this.sweep = new Lazy<>(() -> new Sweep(actions, b.actionQueue.get(), b.sweepSettings.get(), b.sendQuota, b.clock));
        this.actionWorker = new Lazy<>(() -> {
            var sendStep = new SendStep(actions, actions, sender, links.get(), surveys.get(), threading.get(), b.clock);
            return new ActionWorker(actions,
                    customerEmails(new PostPurchaseEmails(sendStep, shopCache, orders, recipients, renderer.get(), discounts.get(), overrides, b.clock),
                            new TicketSurveys(sendStep, ticketStore, shopCache, renderer.get())),
                    new TicketDeadlines(actions, actions, ticketStore, orders, shopCache, new TicketEmails(renderer.get(), sender, threading.get()), staff.get(),
                            discounts.get(), shop -> access().holdingEach(shop), b.publicUrl, b.clock),
                    cases(new ReturnReview(actions, shopCache, orders, tickets.get(), b.clock),
                            new DeliveryCases(actions, shopCache, orders, recordings, tickets.get(), b.clock)), privacy.get(), weeklySummaries.get(), b.clock);
        });
        this.mailboxEvents = new Lazy<>(() -> new MailboxEvents(recipients, appender));
        this.customerLinks = new Lazy<>(() -> new CustomerLinks(links.get(), shopCache, recipients, b.clock));
        this.templates = new Lazy<>(() -> new EmailTemplates(overrides, renderer.get(), shopCache));
        this.presence = new Lazy<>(() -> new TicketPresence(new DynamoPresenceStore(dynamo, table), tickets.get(), b.clock));
        this.access = new Lazy<>(() -> new Access(new DynamoAccessStore(dynamo, table), new SignInEmails(sender, shopCache), new TotpCodes(), b.clock));
        this.gate = new Lazy<>(() -> new Gate(adminAuth.get(), access));
        this.publicUrl = b.publicUrl;
        this.aggregator = new Lazy<>(() -> new MetricsAggregator(metrics.get(), shopCache, ticketStore));
        this.inboundBucket = b.inboundBucket;
        this.inboundStore = inboundStore;
        this.receivedMail = new Lazy<>(() -> new ReceivedMail(b.inboundBucket.get(), b.messageParser.get(), inboundMail.get()));
    }

    /** SES's received mail, from its receipt to its ticket. */
    public ReceivedMail receivedMail() {
        return receivedMail.get();
    }

    /** The attachments customers sent on a ticket, in the order received. */
    public List<StoredAttachment> receivedAttachments(ShopId shop, String ticketId) {
        // the store, not InboundMail: a deployment without an inbound domain has none, and its ticket view still opens
        return inboundStore.kept(shop, Subject.ticket(ticketId)).stream().flatMap(m -> m.attachments().stream()).toList();
    }

    /** Where received mail and its attachments are kept; members open attachments through its signed links. */
    public S3InboundBucket inboundBucket() {
        return inboundBucket.get();
    }

    /** Privacy requests: recorded as jobs, which the action worker does. */
    public PrivacyRequests privacy() {
        return privacy.get();
    }

    /** Customers' data exports, made by data requests, for the shop's owners. */
    public DynamoPrivacy privacyExports() {
        return privacyStore;
    }

    /** A shop's daily metrics, as the aggregator keeps them. */
    public DynamoMetricsStore metrics() {
        return metrics.get();
    }

    /** Folds the table's stream into the metrics. */
    public MetricsAggregator aggregator() {
        return aggregator.get();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The container's instance, built from the environment on first use (during the Lambda init phase). */
    public static Aftercare instance() {
        return Holder.INSTANCE;
    }

    /**
     * The customers' emails that are not a complaint's own: a resolved ticket's survey, or an order's (by kind: a
     * goodwill code's expiry check is about its ticket, and is the order emails' runner's).
     */
    private static ActionWorker.Runner customerEmails(PostPurchaseEmails orders, TicketSurveys tickets) {
        return action -> action.kind().equals(EmailKind.CSAT_SURVEY.action()) ? tickets.run(action) : orders.run(action);
    }

    /** The checks on returns and parcels: a return's review, or a parcel's watch and case. */
    private static ActionWorker.Runner cases(ReturnReview returns, DeliveryCases parcels) {
        return action -> action.kind().equals(ActionKind.RETURN_REVIEW) ? returns.run(action) : parcels.run(action);
    }

    private static final class Holder {
        private static final Logger LOG = LoggerFactory.getLogger(Aftercare.class);
        private static final Aftercare INSTANCE = fromEnvironment(AftercareConfig.fromEnvironment(System.getenv()));

        // The URL-connection HTTP client everywhere: no Netty or Apache pools to start, the lightest for a synchronous Lambda.
        private static Aftercare fromEnvironment(AftercareConfig config) {
            return builder()
                    .dynamo(DynamoDbClient.builder().httpClient(UrlConnectionHttpClient.create()).build(), config.tableName())
                    .adminToken(() -> secret(AftercareConfig.require(config.adminToken(), AftercareConfig.ADMIN_TOKEN_SECRET, "the admin API's bearer token")))
                    .linkKey(() -> secret(AftercareConfig.require(config.linkKey(), AftercareConfig.LINK_KEY_SECRET, "the key that signs customers' links"))
                            .getBytes(StandardCharsets.UTF_8))
                    .publicUrl(() -> AftercareConfig.require(config.publicUrl(), AftercareConfig.PUBLIC_URL, "the URL customers' links point at"))
                    .ses(() -> SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build(), config.sesConfigurationSet())
                    .actionQueue(() -> new SqsActionQueue(SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                            AftercareConfig.require(config.sweep().urgentQueueUrl(), AftercareConfig.URGENT_QUEUE_URL, "the queue the sweep fills with urgent actions"),
                            AftercareConfig.require(config.actionQueueUrl(), AftercareConfig.ACTION_QUEUE_URL, "the queue the sweep fills with bulk actions")))
                    .dueShards(config.sweep().dueShards())
                    // the sweep only: what SES lets this account send a second, read once per container
                    .sweepSettings(() -> new Sweep.Settings(Sweep.INTERVAL, config.sweep().budget(), Sweep.Settings.DEFAULT.claimConcurrency(),
                            config.sweep().bulkRates(sesMaxSendRate())))
                    .sendQuota(sesDailyQuota())
                    .chatWebhooks(new ChatWebhookUrl.Rules(PublicHost.Resolver.DNS, config.allowLoopbackChat()))
                    .inboundDomain(config.inboundDomain())
                    .inbound(() -> new S3InboundBucket(S3Client.builder().httpClient(UrlConnectionHttpClient.create()).build(), S3Presigner.create(),
                            AftercareConfig.require(config.inboundBucket(), AftercareConfig.INBOUND_BUCKET, "the bucket SES writes received mail to")))
                    .clock(Clock.systemUTC())
                    .build();
        }

        /** The SES account's 24-hour quota, read at each sweep with bulk work due: SentLast24Hours moves as the day goes. */
        private static Supplier<Optional<DailyQuota>> sesDailyQuota() {
            Supplier<SesV2Client> ses = new Lazy<>(() -> SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build());
            return () -> {
                try {
                    var quota = ses.get().getAccount(b -> { }).sendQuota();
                    return Optional.of(new DailyQuota(quota.max24HourSend(), quota.sentLast24Hours()));
                } catch (SdkException e) {
                    // urgent email must not wait for SES's account page: bulk keeps to the per-second rate meanwhile
                    LOG.warn("SES GetAccount failed ({}): this sweep paces bulk by the sending rate only", e.getClass().getSimpleName());
                    return Optional.empty();
                }
            };
        }

        private static OptionalDouble sesMaxSendRate() {
            try (var ses = SesV2Client.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                return OptionalDouble.of(ses.getAccount(b -> { }).sendQuota().maxSendRate());
            }
        }

        private static String secret(AftercareConfig.SecretSource source) {
            return switch (source) {
                case AftercareConfig.SecretSource.Literal literal -> literal.value();
                case AftercareConfig.SecretSource.FromSecret stored -> {
                    try (var secrets = SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()).build()) {
                        yield secrets.getSecretValue(r -> r.secretId(stored.secretId())).secretString();
                    }
                }
            };
        }
    }

    /** One real DynamoDB request that reads nothing: SnapStart priming ({@link Priming}). */
    public void primeStorage() {
        primeStorage.run();
    }

    public WebhookIngestion webhooks() {
        return webhooks.get();
    }

    public ShopAdmin shops() {
        return shops.get();
    }

    public Preferences.Store preferences() {
        return preferences;
    }

    public SavedReplies savedReplies() {
        return savedReplies;
    }

    public Search search() {
        return search;
    }

    public TimelineReader timelines() {
        return timelines.get();
    }

    public AdminAuth adminAuth() {
        return adminAuth.get();
    }

    /** Members, sign-in, sessions and API tokens. */
    public Access access() {
        return access.get();
    }

    /** The credential check in front of every route. */
    public Gate gate() {
        return gate.get();
    }

    /** Where links in emails point (customers' pages, sign-in links), when configured. */
    public URI publicUrl() {
        return publicUrl.get();
    }

    public TicketService tickets() {
        return tickets.get();
    }

    /** Customers' emails SES received, into tickets: needs the inbound domain. */
    public InboundMail inboundMail() {
        return inboundMail.get();
    }

    public TicketPresence presence() {
        return presence.get();
    }

    public Sweep sweep() {
        return sweep.get();
    }

    public ActionWorker actionWorker() {
        return actionWorker.get();
    }

    public MailboxEvents mailboxEvents() {
        return mailboxEvents.get();
    }

    public CustomerLinks customerLinks() {
        return customerLinks.get();
    }

    public Surveys surveys() {
        return surveys.get();
    }

    public EmailTemplates templates() {
        return templates.get();
    }

    /** Each shop's API host and credentials for creating codes (write-only through the admin API). */
    public DiscountAccess.Store discountAccess() {
        return discountAccess;
    }

    public DiscountPool discountPool() {
        return discountPool;
    }

    /** What a shop's chat webhook URL may be, at save and before each post. */
    public ChatWebhookUrl.Rules chatWebhooks() {
        return chatWebhooks;
    }

    public Telemetry telemetry() {
        return telemetry.get();
    }

    public CustomerPages customerPages() {
        return customerPages.get();
    }

    /** Timeline entries in the agent's language. */
    public TimelineWording timelineWording() {
        return timelineWording.get();
    }

    /** Aftercare with given clients: for the local runner and the tests. Suppliers are called on first use. */
    public static final class Builder {
        private DynamoDbClient dynamo;
        private String table;
        private Supplier<String> adminToken = () -> {
            throw new IllegalStateException("no admin token configured");
        };
        private Supplier<byte[]> linkKey = () -> {
            throw new IllegalStateException("no link key configured");
        };
        private Supplier<URI> publicUrl = () -> {
            throw new IllegalStateException("no public URL configured");
        };
        private Supplier<SesV2Client> ses = () -> {
            throw new IllegalStateException("no SES client configured");
        };
        private Optional<String> sesConfigurationSet = Optional.empty();
        private Supplier<ActionQueue> actionQueue = () -> {
            throw new IllegalStateException("no action queue configured");
        };
        private int dueShards = DynamoActionStore.DEFAULT_DUE_SHARDS;
        private Supplier<Sweep.Settings> sweepSettings = () -> Sweep.Settings.DEFAULT;
        private Supplier<Optional<DailyQuota>> sendQuota = Optional::empty;
        private Clock clock = Clock.systemUTC();
        private ChatWebhookUrl.Rules chatWebhooks = ChatWebhookUrl.Rules.production();
        /** Made when a discount is first issued: its HTTP client (and TLS context) is no cost to functions that never issue one. */
        private Supplier<PlatformHttp> shopApis = PlatformHttp::live;
        private Optional<InboundDomain> inboundDomain = Optional.empty();
        private Supplier<S3InboundBucket> inboundBucket = () -> {
            throw new IllegalStateException("no inbound bucket configured");
        };
        private final Supplier<MessageParser> messageParser = new Lazy<>(MimeMessageParser::new);

        public Builder dynamo(DynamoDbClient dynamo, String table) {
            this.dynamo = dynamo;
            this.table = table;
            return this;
        }

        public Builder adminToken(Supplier<String> token) {
            this.adminToken = new Lazy<>(token);
            return this;
        }

        public Builder linkKey(Supplier<byte[]> key) {
            this.linkKey = new Lazy<>(key);
            return this;
        }

        public Builder publicUrl(Supplier<URI> url) {
            this.publicUrl = new Lazy<>(url);
            return this;
        }

        public Builder ses(Supplier<SesV2Client> client, Optional<String> configurationSet) {
            this.ses = new Lazy<>(client);
            this.sesConfigurationSet = configurationSet;
            return this;
        }

        public Builder actionQueue(Supplier<ActionQueue> queue) {
            this.actionQueue = new Lazy<>(queue);
            return this;
        }

        /** The due index's partitions per hour and class; the same for every function that writes or reads it. */
        public Builder dueShards(int shards) {
            this.dueShards = shards;
            return this;
        }

        public Builder sweepSettings(Supplier<Sweep.Settings> settings) {
            this.sweepSettings = new Lazy<>(settings);
            return this;
        }

        /** The SES account's 24-hour quota as it stands; none where there is no account (the local runner, tests). */
        public Builder sendQuota(Supplier<Optional<DailyQuota>> quota) {
            this.sendQuota = quota;
            return this;
        }

        public Builder chatWebhooks(ChatWebhookUrl.Rules rules) {
            this.chatWebhooks = rules;
            return this;
        }

        /** How shops' own APIs (Shopify, WooCommerce) are called: tests point it at a local server. */
        public Builder shopApis(PlatformHttp http) {
            this.shopApis = () -> http;
            return this;
        }

        /** Where SES receives customers' replies; none (the default) keeps shops' own Reply-To and receives nothing. */
        public Builder inboundDomain(Optional<InboundDomain> domain) {
            this.inboundDomain = domain;
            return this;
        }

        /** The bucket SES writes received mail to (S3 in AWS, an embedded S3-compatible server locally). */
        public Builder inbound(Supplier<S3InboundBucket> bucket) {
            this.inboundBucket = new Lazy<>(bucket);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public Aftercare build() {
            if (dynamo == null || table == null) {
                throw new IllegalStateException("Aftercare needs a DynamoDB client and table");
            }
            return new Aftercare(this);
        }
    }
}
