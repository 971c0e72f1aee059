/**
 * The site's name and the fixed addresses it sends readers to, in one place. Kept free of imports: the browser's
 * search client and the server scripts use it too.
 */

/** The name in page titles, the header, feeds, structured data and the demo's Stripe payments. */
export const siteName = 'Payments Help Center';

/** Where readers go with questions about their own Stripe account, payments or payouts. */
export const stripeSupportUrl = 'https://support.stripe.com/';
