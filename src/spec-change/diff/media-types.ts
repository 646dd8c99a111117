import type { MediaTypeModel } from '../../contract/model.js';
import { essence } from '../../validation/media-type.js';

/** Pairs the media types of two bodies by their essence (`application/json; charset=utf-8` is `application/json`). */
export function pairMediaTypes(
  before: ReadonlyMap<string, MediaTypeModel>,
  after: ReadonlyMap<string, MediaTypeModel>,
): { removed: MediaTypeModel[]; added: MediaTypeModel[]; pairs: [MediaTypeModel, MediaTypeModel][] } {
  const byEssence = new Map([...after.values()].map((media) => [essence(media.mediaType), media]));
  const removed: MediaTypeModel[] = [];
  const pairs: [MediaTypeModel, MediaTypeModel][] = [];
  for (const media of before.values()) {
    const match = byEssence.get(essence(media.mediaType));
    if (match) {
      pairs.push([media, match]);
      byEssence.delete(essence(media.mediaType));
    } else removed.push(media);
  }
  return { removed, added: [...byEssence.values()], pairs };
}
