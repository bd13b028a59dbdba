import { describe, expect, it } from 'vitest'
import { promisesPhoto } from '../../src/conversation/photo-promised'

describe('a photo promised or asked to be added', () => {
  it.each([
    '我刚报的那个能加张照片吗',
    '照片可以后补吗',
    '能补发照片吗',
    '刚才那个隐患能不能补一张照片',
    '可以发视频吗？',
    '刚才那个隐患拍了照片怎么补',
    '照片怎么发给你们',
    '怎么上传照片？',
    '拍了两张图 怎么传过去',
  ])('reads 「%s」 as a photo to come (it was not understood)', (words) => expect(promisesPhoto(words)).toBe(true))

  it.each([
    '怎么补录巡查',
    '怎么补',
    '刚才那个怎么改',
    '照片拍得不清楚',
    '能拍照的地方都拍了吗 人民路井盖缺失',
    '照片里的井盖是哪条路的',
  ])('does not read 「%s」 as one', (words) => expect(promisesPhoto(words)).toBe(false))
})
