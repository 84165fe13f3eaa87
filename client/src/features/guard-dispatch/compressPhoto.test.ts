import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_SIDE, fitWithin } from './compressPhoto';

describe('fitWithin', () => {
  it('shrinks a camera photo to 1600 px on its longest side, keeping its shape, either way round', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: MAX_PHOTO_SIDE, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: MAX_PHOTO_SIDE });
  });

  it('never enlarges a small picture', () => {
    expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 });
  });
});
