import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { barChart, dayRange, describeChart, escapeXml, niceCeiling } from './chart.ts';

const days = ['2026-11-30', '2026-12-01', '2026-12-02'];
const votes = [
  { label: 'helpful', className: 'bar-helpful', values: [2, 0, 5] },
  { label: 'not helpful', className: 'bar-not-helpful', values: [1, 0, 3] },
];

function parse(svg: string) {
  const document = parseDocument(svg, { xmlMode: true });
  const root = findOne((node) => node.name === 'svg', document.children)!;
  const all = (name: string) => findAll((node) => node.name === name, [root]);
  return { root, all };
}

const { findAll, findOne, getAttributeValue, textContent } = DomUtils;
const number = (element: Element, name: string) => Number(getAttributeValue(element, name));

describe('barChart', () => {
  it('is an image named by its title and described in words', () => {
    const { root, all } = parse(barChart({ id: 'votes', title: 'Votes per day', days, series: votes }));
    assert.equal(getAttributeValue(root, 'role'), 'img');
    assert.equal(getAttributeValue(root, 'aria-labelledby'), 'votes-title votes-desc');
    const [title] = all('title');
    assert.equal(getAttributeValue(title!, 'id'), 'votes-title');
    assert.equal(textContent(title!), 'Votes per day');
    const desc = all('desc')[0]!;
    assert.equal(textContent(desc), 'From 2026-11-30 to 2026-12-02: 7 helpful, 4 not helpful; most on 2026-12-02 (8).');
  });

  it('stacks the series per day, heights in proportion, with a hover text of each day’s numbers', () => {
    const { all } = parse(barChart({ id: 'votes', title: 'Votes', days, series: votes, height: 180 }));
    const bars = all('g');
    assert.equal(bars.length, 3, 'one group per day');
    assert.deepEqual(
      bars.map((g) => textContent(findOne((node) => node.name === 'title', g.children)!)),
      [
        '2026-11-30: 2 helpful, 1 not helpful',
        '2026-12-01: 0 helpful, 0 not helpful',
        '2026-12-02: 5 helpful, 3 not helpful',
      ],
    );
    const rects = (g: Element) => findAll((node) => node.name === 'rect', g.children);
    assert.equal(rects(bars[1]!).length, 0, 'no bar for an empty day');
    const [helpful, notHelpful] = rects(bars[2]!);
    assert.equal(getAttributeValue(helpful!, 'class'), 'bar-helpful');
    assert.equal(getAttributeValue(notHelpful!, 'class'), 'bar-not-helpful');
    // The axis ends at 10 (8 rounded up); the plot is 180 - 12 - 40 = 128 high.
    assert.equal(number(helpful!, 'height'), 64);
    assert.equal(number(notHelpful!, 'height'), 38.4);
    assert.equal(number(notHelpful!, 'y') + number(notHelpful!, 'height'), number(helpful!, 'y'), 'stacked on top');
    const axis = all('text').map(textContent);
    assert.ok(axis.includes('10') && axis.includes('5') && axis.includes('0'), axis.join());
    assert.ok(axis.includes('2026-11-30') && axis.includes('2026-12-02'));
  });

  it('escapes every text it is given', () => {
    const svg = barChart({
      id: 'x"y',
      title: '<script>alert(1)</script>',
      days: ['2026-12-01'],
      series: [{ label: 'a & <b>', className: 'c"d', values: [1] }],
    });
    assert.ok(!svg.includes('<script>') && !svg.includes('<b>') && !svg.includes('c"d'), svg);
    assert.ok(svg.includes('&lt;script&gt;') && svg.includes('a &amp; &lt;b&gt;'));
    parse(svg);
  });

  it('draws an empty period without failing, and refuses mismatched or negative counts', () => {
    const { all } = parse(barChart({ id: 'e', title: 'Nothing', days: [], series: [] }));
    assert.equal(textContent(all('desc')[0]!), 'No days to show.');
    assert.throws(
      () => barChart({ id: 'x', title: 't', days, series: [{ ...votes[0]!, values: [1] }] }),
      /one per day/,
    );
    assert.throws(
      () => barChart({ id: 'x', title: 't', days, series: [{ ...votes[0]!, values: [1, -1, 0] }] }),
      /0 or more/,
    );
  });
});

describe('the chart helpers', () => {
  it('round the axis up to 1, 2 or 5 times a power of ten', () => {
    assert.deepEqual([0, 1, 3, 7, 10, 11, 180, 5000].map(niceCeiling), [1, 1, 5, 10, 10, 20, 200, 5000]);
  });

  it('say when nothing happened', () => {
    assert.equal(
      describeChart({ days: ['2026-12-01'], series: [{ label: 'x', className: 'x', values: [0] }] }),
      'On 2026-12-01: 0 x; none on any day.',
    );
  });

  it('list every day of a period, across a month end, keeping the latest when capped', () => {
    assert.deepEqual(dayRange('2026-11-29', '2026-12-02'), ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02']);
    assert.deepEqual(dayRange('2026-01-01', '2026-12-02', 2), ['2026-12-01', '2026-12-02']);
    assert.deepEqual(dayRange('2026-12-03', '2026-12-02'), []);
  });

  it('escape XML', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
