/** The widgets an article can use by name in MDX, without importing them (see the article page). */
import FeeCalculator from './FeeCalculator.astro';
import RefundDemo from './RefundDemo.astro';
import Troubleshooter from './Troubleshooter.astro';

export const widgets = { FeeCalculator, RefundDemo, Troubleshooter };
