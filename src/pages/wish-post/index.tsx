import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import { requestSubscribe } from '../../api/subscribe';
import type { WishView } from '../../core/wish/api';
import {
  CONTACT_LABELS,
  CONTACT_VISIBILITIES,
  WISH_CATEGORIES,
  WISH_CATEGORY_LABELS,
  type ContactVisibility,
  type WishCategory,
} from '../../core/wish/types';
import { useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import TextField from '../../components/TextField';
import TextArea, { countHint } from '../../components/TextArea';
import { ErrorNote, OkNote } from '../../components/Notes';
import { PhotoPicker, formatDay, wishUrl } from '../../components/WishParts';
import './index.css';

const TITLE_MIN = 2;
const TITLE_MAX = 40;
const DESCRIPTION_MIN = 2;
const DESCRIPTION_MAX = 500;
const DAY_MS = 24 * 60 * 60 * 1000;
/** By when it should be done: no limit (0), or within so many days from now. */
const DEADLINE_DAYS = [0, 3, 7, 30] as const;
type DeadlineDays = (typeof DEADLINE_DAYS)[number];

const toWall = () => void Taro.switchTab({ url: '/pages/wish/index' });

export default function WishPost() {
  const session = useSession();
  return (
    <PageShell title='发布心愿' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        if (!estateId || !session.can('wish.post', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>只有本小区已认证的居民可以发布心愿。请先到“我的”绑定房屋，审核通过后再来。</Text>
            </View>
          );
        }
        return <PostForm key={estateId} />;
      }}
    </PageShell>
  );
}

function PostForm() {
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [category, setCategory] = useState<WishCategory | null>(null);
  const [contact, setContact] = useState<ContactVisibility>('claimer');
  const [days, setDays] = useState<DeadlineDays>(0);
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const [pending, setPending] = useState<WishView | null>(null);
  const { busy, error, setError, run } = useSubmit();

  /** What is missing, in words; null when the form can be sent. */
  const problem = (): string | null => {
    const t = title.trim().length;
    if (t < TITLE_MIN) return `请填写标题（至少 ${TITLE_MIN} 个字）`;
    if (t > TITLE_MAX) return `标题最多 ${TITLE_MAX} 个字`;
    const d = description.trim().length;
    if (d < DESCRIPTION_MIN) return `请填写描述（至少 ${DESCRIPTION_MIN} 个字），说说需要什么帮助`;
    if (d > DESCRIPTION_MAX) return `描述最多 ${DESCRIPTION_MAX} 个字`;
    if (!category) return '请选择心愿类别';
    if (uploading) return '照片还在上传，请稍等';
    return null;
  };

  const submit = async () => {
    if (busy) return;
    const p = problem();
    if (p) {
      setError(new ApiError('INVALID_INPUT', p));
      return;
    }
    // Asked at the tap (WeChat refuses it later): to be told when the wish is claimed or done.
    await requestSubscribe('wishPost');
    await run(
      async () => {
        const w = await api.wish.post({
          title: title.trim(),
          description: description.trim(),
          category: category as WishCategory,
          contact,
          ...(photos.length ? { photos } : {}),
          ...(days ? { deadline: Date.now() + days * DAY_MS } : {}),
        });
        if (w.status === 'pending') {
          setPending(w);
          return;
        }
        void Taro.redirectTo({ url: wishUrl(w.id) });
      },
      { keepBusy: true },
    );
  };

  const edited = () => setError(null);

  if (pending) {
    return (
      <View className='linli-card'>
        <OkNote>
          <Text className='wish-post-done'>已提交，等待党支部或社区审核</Text>
        </OkNote>
        <Text className='linli-row-title'>{pending.title}</Text>
        <Text className='linli-text-2'>审核通过后，心愿会出现在心愿墙上；结果会发到“我的消息”。</Text>
        <Button className='linli-button wish-post-gap' type='primary' size='xlarge' block onClick={() => void Taro.redirectTo({ url: wishUrl(pending.id) })}>
          查看我的心愿
        </Button>
        <Button className='linli-button' size='xlarge' block onClick={toWall}>
          返回心愿墙
        </Button>
      </View>
    );
  }

  return (
    <View>
      <View className='linli-card'>
        <TextField
          label='标题'
          value={title}
          onChange={(v) => {
            setTitle(v);
            edited();
          }}
          placeholder='例如：请人帮忙换个灯泡'
          maxlength={TITLE_MAX}
          hint={`${TITLE_MIN}–${TITLE_MAX} 个字`}
        />
        <TextArea
          label='描述'
          value={description}
          placeholder='说说需要什么帮助、什么时候方便'
          maxlength={DESCRIPTION_MAX}
          onChange={(v) => {
            setDescription(v);
            edited();
          }}
          hint={`${countHint(DESCRIPTION_MIN, DESCRIPTION_MAX, description)}手机号、身份证号会自动打码。`}
        />
      </View>

      <View className='linli-card'>
        <Text className='linli-label'>心愿类别（必选）</Text>
        <View className='linli-choices wish-choices'>
          {WISH_CATEGORIES.map((c) => (
            <ChoiceButton
              key={c}
              selected={category === c}
              onClick={() => {
                setCategory(c);
                edited();
              }}
            >
              {WISH_CATEGORY_LABELS[c]}
            </ChoiceButton>
          ))}
        </View>
      </View>

      <View className='linli-card'>
        <Text className='linli-label'>我的姓名、电话和门牌给谁看</Text>
        <View className='linli-choices wish-choices wish-post-column'>
          {CONTACT_VISIBILITIES.map((c) => (
            <ChoiceButton key={c} selected={contact === c} onClick={() => setContact(c)}>
              {CONTACT_LABELS[c]}
            </ChoiceButton>
          ))}
        </View>
        <Text className='linli-hint'>党支部和社区总能看到，以便协调帮助。其他人只看到打码的姓名和楼栋。</Text>
      </View>

      <View className='linli-card'>
        <Text className='linli-label'>希望什么时候之前完成</Text>
        <View className='linli-choices wish-choices'>
          {DEADLINE_DAYS.map((d) => (
            <ChoiceButton key={d} selected={days === d} onClick={() => setDays(d)}>
              {d ? `${d}天内` : '不限'}
            </ChoiceButton>
          ))}
        </View>
        <Text className='linli-hint'>
          {days ? `到 ${formatDay(Date.now() + days * DAY_MS, true)} 为止；过期还没人认领，心愿会自动结束。` : '不限时间，一直等到有人认领。'}
        </Text>
      </View>

      <View className='linli-card'>
        <PhotoPicker
          folder='wishes'
          photos={photos}
          onChange={(p) => {
            setPhotos(p);
            edited();
          }}
          onBusy={setUploading}
          disabled={busy}
        />
      </View>

      <View className='linli-card'>
        <ErrorNote error={error} prefix={error?.code === 'CONTENT_REJECTED' ? undefined : '没能发布：'} />
        <Button className='linli-button' type='primary' size='xlarge' block disabled={busy || uploading} onClick={() => void submit()}>
          {busy ? '正在提交…' : uploading ? '照片上传中，请稍等' : '发布'}
        </Button>
        <Text className='linli-hint'>发布后，志愿者和党员能在心愿墙上看到并认领；有人认领时，“我的消息”会通知您。</Text>
      </View>
    </View>
  );
}
