/** One file of pinned queries ("best bets"); a search fetches the one its query falls in (see src/lib/search-data.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { pinBuckets } from '../../lib/search-data.ts';

export const getStaticPaths = (async () =>
  (await pinBuckets()).map((pins, bucket) => ({
    params: { bucket: String(bucket) },
    props: { pins },
  }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => Response.json(props.pins);
