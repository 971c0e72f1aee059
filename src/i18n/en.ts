/**
 * Every text the site's own code shows readers, in English: the pages' frame, the components, the widgets and the
 * browser scripts (article text lives in `content/`). A copy edit happens here, and another language is a file of
 * the same shape. `{name}` is a placeholder, filled by `format()` (or `fill()` when a value is markup).
 *
 * One export per text, grouped by where it is used, so a browser bundle takes in only the texts it uses (bundlers
 * drop the unused exports and shorten the names of the used ones): the search client has a tight size budget.
 */

/** The name of each section of the help center (see `categories.ts`), shown everywhere a section is named. */
export const categoryLabels = {
  refunds: 'Refunds',
  disputes: 'Disputes',
  fees: 'Fees',
  payouts: 'Balance and payouts',
  sources: 'Cards and sources',
  accounts: 'Accounts',
};

/** How each section introduces itself on the home page, its own page and the search page. */
export const categoryDescriptions = {
  refunds: 'Give money back in full or in part, follow a refund until it arrives, and fix refund errors.',
  disputes: 'Inquiries and chargebacks: respond or accept, what a dispute costs, and early fraud warnings.',
  fees: 'What a payment costs, why fees stay when you refund, and how refunds reach your balance and payouts.',
  payouts: 'When payouts arrive, why one is smaller, late or failed, and what a negative balance or a reserve means.',
  sources: "Save, add, replace and remove a customer's cards and payment methods.",
  accounts: 'Test and live mode, API keys, Dashboard access and getting help from Stripe.',
};

/* The buttons that copy a page's short link, or its answer with the link, for a ticket (articles, search results). */
export const copyLink = 'Copy link';
export const copyAnswer = 'Copy answer';

/* The frame around every page: layout, header, footer, breadcrumbs, redirect pages. */
export const titleWithSite = '{title} · {site}';
export const feedTitle = '{site}: updated articles';
export const feedDescription = 'Articles about Stripe refunds, fees, cards and accounts, newest changes first.';
export const skipLink = 'Skip to content';
export const headerNav = 'Sections';
export const footerNav = 'Help center';
export const faqNavLink = 'FAQ';
export const searchNavLink = 'Search';
export const searchLabel = 'Search the help center';
export const searchSuggestions = 'Search suggestions';
export const footerNote =
  '{site} is an independent site, not run by or affiliated with Stripe. For questions about your own account, payments or payouts, contact {support}.';
export const footerSupport = 'Stripe support';
export const breadcrumbLabel = 'Breadcrumb';
export const homeCrumb = 'Help center';

/* The pages and the components they are built from. */
export const homeDescription =
  'Answers about Stripe refunds, fees, cards and sources, and accounts: steps, examples and the errors you may hit.';
export const homeHeading = 'How can we help?';
export const homeLead = 'Answers about refunds, fees, saved cards and your account, for customers and support agents.';
export const searchForAnswer = 'Search for an answer';
export const browseByTopic = 'Browse by topic';
export const topArticles = 'Top articles';
export const mostAsked = 'Most asked';
export const allQuestions = 'All questions';
export const articleCount = '{count} articles';
export const articleCountOne = '1 article';
export const notFoundTitle = 'Page not found';
export const notFoundDescription = 'This page does not exist. Search the help center or start from a top article.';
export const notFoundHeading = "We couldn't find that page";
export const notFoundLead =
  'The link may be old or mistyped. Search for what you need, or start from one of these articles.';
export const categoryPageTitle = '{category}, page {page} of {pages}';
export const articlesHeading = 'Articles';
export const categoryPages = '{category} pages';
export const previousPage = 'Previous page';
export const nextPage = 'Next page';
export const pageOf = 'Page {page} of {pages}';
export const categoryQuestions = 'Questions about {category}';
export const articleMeta = 'Article {number} · Updated {date}';
export const onThisPage = 'On this page';
export const relatedArticles = 'Related articles';
export const sourcesHeading = 'Sources';
export const sourcesChecked = "Checked against Stripe's documentation on {date}.";
export const sectionLinkLabel = 'Copy the link to the section “{section}”';
export const questionLinkLabel = 'Copy the link to the question “{question}”';
export const readMore = 'Read more: {link}';
export const faqTitle = 'Frequently asked questions';
export const faqDescription =
  'Short answers to the questions readers ask most about Stripe refunds, fees, cards and accounts.';
export const faqLead =
  'Short answers, each with a link to the article that explains more. Every question has its own link to share.';
export const faqSections = 'FAQ sections';
export const faqSectionCount = '{category} ({count})';
export const categoryAllQuestions = 'All {category} questions';
export const searchHeading = 'Search';
export const searchDescription = 'Search every article and question in the {site}.';
export const searchPageLabel = 'Search articles and questions';
export const searchPlaceholder = 'e.g. refund part of a payment';
export const searchButton = 'Search';
export const searchFilters = 'Only in';
export const showMore = 'Show more results';
export const nothingMatched = 'Nothing matched. Try one of these';
export const closestQuestions = 'Closest questions';
export const stillStuck = 'Still stuck?';
export const stuckAdvice =
  'Try fewer or simpler words, or read the {faq}. For your own account, payments or payouts, {support}. We count searches that find nothing (the words only, never who searched) to know which answers to write next.';
export const faqLink = 'frequently asked questions';
export const contactSupport = 'contact Stripe support';
export const searchNeedsScript =
  'Search needs JavaScript. You can still browse every article by topic, or read the {faq}.';

/* The search client in the browser: the header's suggestions and the results page. */
export const searchPageTitle = 'Search · {site}';
export const searchQueryPageTitle = 'Search: {query} · {site}';
export const searchPrompt = 'Type a question or a few words, like “refund part of a payment”.';
export const searchSearching = 'Searching…';
export const searchFailed = 'Search could not load. Check your connection, then try again.';
export const searchRetry = 'Retry';
export const searchResultsFor = '{count} results for “{query}”.';
export const searchResultFor = '1 result for “{query}”.';
export const searchResultsShown = '{count} results for “{query}”, showing the first {shown}.';
export const searchResults = '{count} results';
export const searchResult = '1 result';
export const searchNoResults = 'No results for “{query}”';
export const searchClosest = 'Closest questions:';
export const searchBestMatch = 'Best match: ';
export const searchBestAnswer = 'Best answer';
export const searchArticle = 'Article';
export const searchArticleNumber = 'Article {number}';
export const searchFaq = 'FAQ';
export const searchClosestQuestion = 'FAQ · closest question';
export const searchSeeAll = 'See all results for “{query}”';
export const searchEverywhere = 'Search the whole help center for “{query}”';
export const searchCorrected = 'Showing results for “{corrected}” (you typed “{typed}”).';
export const searchAlsoSearched = 'Also searched: {list}.';
export const searchSynonym = '“{to}” for “{from}”';
export const searchRelaxed = 'No page has all of your words; these have the most important ones.';

/* The page's actions, loaded on first click: copies and "Was this helpful?". */
export const linkCopied = 'Link copied';
export const answerCopied = 'Answer copied, with its link';
export const copyByHand = 'Copy this: {text}';
export const feedbackAskArticle = 'Was this article helpful?';
export const feedbackAskAnswer = 'Did this answer help?';
export const feedbackYes = 'Yes';
export const feedbackNo = 'No';
export const feedbackWhatWentWrong = 'What went wrong?';
export const feedbackReasons = {
  missing_information: 'Missing information',
  wrong: 'Something is wrong',
  hard_to_follow: 'Hard to follow',
  did_not_solve: 'Didn’t solve my problem',
};
export const feedbackComment = 'Anything else? (optional; please leave out names, emails and card numbers)';
export const feedbackSend = 'Send';
export const feedbackPickReason = 'Pick what went wrong, then send.';
export const feedbackThanksHelped = 'Thanks! Glad it helped.';
export const feedbackThanksNotHelped = 'Thanks for telling us. We read every answer and use it to fix our articles.';
export const feedbackNotSent = 'Your answer could not be sent. Check your connection and try again.';

/* The refund demo widget: its markup and its script. */
export const demoTitle = 'Try it: a refund in test mode';
export const demoIntro =
  "Create a test payment, then refund it. Each step calls the Stripe API in test mode through this site's demo function, so no real money moves. Open “API view” to see every request and response.";
export const demoModeEmulator = 'Offline: built-in Stripe emulator';
export const demoModeTest = 'Stripe test mode';
export const demoAmount = 'Amount';
export const demoCurrency = 'Currency';
export const demoTestCard = 'Test card';
export const demoScenarios = {
  succeeds: 'Payment succeeds, refunds succeed (pm_card_visa)',
  refund_pending: 'Refunds start pending (pm_card_pendingRefund)',
  refund_fails: 'Refunds succeed, then fail (pm_card_refundFail)',
  disputed: 'Payment gets disputed (pm_card_createDispute)',
  declined: 'Card is declined (pm_card_chargeDeclined)',
};
export const demoCreatePayment = 'Create test payment';
export const demoFee = 'Stripe fee';
export const demoNet = 'Net to your balance';
export const demoRefunded = 'Refunded';
export const demoRefundable = 'Still refundable';
export const demoRefundAmount = 'Refund amount';
export const demoEverythingLeft = 'Everything left';
export const demoReason = 'Reason';
export const demoReasons = {
  requested_by_customer: 'Requested by customer',
  duplicate: 'Duplicate',
  fraudulent: 'Fraudulent',
  other: 'Other',
};
export const demoOtherNeedsNote = 'Other (needs a note)';
export const demoNote = 'Note (required for Other)';
export const demoRefund = 'Refund';
export const demoTryErrors =
  "Try the error cases too: refund more than what is left, refund again after a full refund, or refund the disputed card's payment.";
export const demoRefundsCaption = 'Refunds on this payment';
export const demoRefundColumn = 'Refund';
export const demoStatusColumn = 'Status';
export const demoActionsColumn = 'Actions';
export const demoApiView = 'API view: requests and responses';
export const demoStartOver = 'Start over';
export const demoNeedsScript =
  'The demo needs JavaScript. Without it, follow the steps in this article with your own test-mode keys.';
export const demoPaymentTitle = 'Payment {id}: {status}';
export const demoDisputed = '{status}, disputed';
export const demoNoFee = 'No money moved, so there is no fee and nothing to refund.';
export const demoFeeStays =
  'The {fee} fee is not returned when you refund: refunding everything leaves your balance {fee} lower than before the payment.';
export const demoStatusWords = {
  pending: 'pending: on its way, not final yet',
  requires_action: 'requires action: waiting for a step before it can go on',
  succeeded: 'succeeded: sent to the customer',
  failed: 'failed: the money is back in your balance',
  canceled: 'canceled: nothing was refunded',
};
export const demoStatusChanged = 'Refund {id} is now {status}.';
export const demoUnknownStatus = 'unknown';
export const demoNoAnswer = 'no answer';
export const demoRequestBody = 'Request body:';
export const demoResponse = 'Response:';
export const demoCancel = 'Cancel';
export const demoCancelLabel = 'Cancel refund {id}';
export const demoBadPaymentAmount = 'Enter an amount from 0.50 to 1000.00, like 25.00.';
export const demoBadRefundAmount = 'Enter the refund amount like 10.00, or leave it empty to refund everything left.';
export const demoNoteMissing = 'The reason “Other” needs a note that explains the refund.';
export const demoPaymentCreated = 'Test payment created: {amount}, fee {fee}, net {net}.';
export const demoRefundCreated = 'Refund {amount} is {status}. Still refundable: {refundable}.';
export const demoNotJson = 'The demo answered with something that is not JSON. Try again in a moment.';
export const demoUnreachable = 'The demo could not be reached. Check your connection and try again.';
export const demoUnexpectedStatus = 'The demo answered {status}. Try again.';

/* The refund and fee calculator widget. */
export const calculatorTitle = 'Refund and fee calculator';
export const calculatorPaymentAmount = 'Payment amount ($)';
export const calculatorRefundAmount = 'Refund amount ($)';
export const calculatorFeePercent = 'Fee: percent';
export const calculatorFeeFixed = 'Fee: fixed (¢)';
export const calculatorCustomerGetsBack = 'Customer gets back';
export const calculatorBalanceLoss = 'Your balance goes down by';
export const calculatorFeeKept = 'Fee kept by Stripe';
export const calculatorKept = 'You keep from this payment';
export const calculatorRemaining = 'Still refundable';
export const calculatorRateNote =
  "The fee is worked out as the percentage of the payment, rounded to the cent, plus the fixed part. 2.9% + 30¢ is Stripe's standard rate for US cards; yours may differ, so check your pricing.";
export const calculatorNeedsScript =
  'Changing the numbers needs JavaScript; the figures above are for the starting values.';
export const calculatorBadAmount = 'Enter the payment amount in dollars, like 100 or 49.99.';
export const calculatorBadRefund = 'Enter the refund amount in dollars, like 40 or 12.50.';
export const calculatorRefundTooLarge = 'You can refund at most the payment amount, {amount}.';
export const calculatorBadPercent = 'Enter the fee percentage as a number from 0 to 99, like 2.9.';
export const calculatorBadFixed = 'Enter the fixed fee as whole cents, like 30.';

/* The troubleshooter widget ("Where is my refund?"): its frame; the questions and answers live in content. */
export const troubleshooterCases = 'All the cases';
export const troubleshooterWhen = 'When';
export const troubleshooterOtherwise = 'In any other case';
export const troubleshooterOr = ' or ';
export const troubleshooterNext = 'Next step:';
export const troubleshooterReadMore = 'Read more:';
export const troubleshooterLinkToCase = 'Link to this answer';
export const troubleshooterStartOver = 'Start over';
