import { useEffect, useRef, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import { requestSubscribe } from '../../api/subscribe';
import type { RequestView } from '../../core/request/api';
import {
  REQUEST_CATEGORIES,
  REQUEST_CATEGORY_LABELS,
  REQUEST_STATUS_LABELS,
  REQUEST_TYPES,
  REQUEST_TYPE_LABELS,
  URGENCIES,
  URGENCY_LABELS,
  type RequestCategory,
  type RequestType,
  type Urgency,
} from '../../core/request/types';
import { useApi } from '../../hooks/useApi';
import { useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import TextArea, { countHint } from '../../components/TextArea';
import { ErrorNote, OkNote } from '../../components/Notes';
import { PhotoPicker } from '../../components/WishParts';
import { firstLine, requestUrl } from '../../components/RequestParts';
import './index.css';

const DESCRIPTION_MIN = 4;
const DESCRIPTION_MAX = 500;
const BUILDING_MAX = 10;
const PLACE_MIN = 2;
const PLACE_MAX = 30;
const MAX_PHOTOS = 9;

type PlaceKind = 'home' | 'building' | 'common';
const PLACE_KINDS: { kind: PlaceKind; text: string }[] = [
  { kind: 'home', text: '我家' },
  { kind: 'building', text: '某栋楼' },
  { kind: 'common', text: '公共区域' },
];

/** What the API takes as the place (the server fills in the home when none is chosen). */
type LocationInput = { kind: 'home'; homeId?: string } | { kind: 'building'; building: string } | { kind: 'common'; place: string };

export default function RequestNew() {
  const session = useSession();
  return (
    <PageShell title='我要报事' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        if (!estateId || !session.can('request.submit', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>只有本小区已认证的居民可以报事报修。请先到“我的”绑定房屋，审核通过后再来。</Text>
            </View>
          );
        }
        return <RequestForm key={estateId} estateId={estateId} />;
      }}
    </PageShell>
  );
}

function RequestForm({ estateId }: { estateId: string }) {
  const [type, setType] = useState<RequestType>('repair');
  const [category, setCategory] = useState<RequestCategory | null>(null);
  const [urgency, setUrgency] = useState<Urgency>('normal');
  const [kind, setKind] = useState<PlaceKind | null>(null);
  const [homeId, setHomeId] = useState<string | null>(null);
  const [building, setBuilding] = useState('');
  const [place, setPlace] = useState('');
  const [description, setDescription] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [uploading, setUploading] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  // The caller's verified homes here: to say which home, and to choose when there are several.
  const bindings = useApi(() => api.binding.mine({}), [estateId]);
  const homes = (bindings.data ?? []).filter((b) => b.estateId === estateId && b.status === 'approved');

  /** The place as the API takes it, or null while it is not complete. */
  const location = (): LocationInput | null => {
    if (kind === 'home') return homeId ? { kind: 'home', homeId } : { kind: 'home' };
    if (kind === 'building') {
      const b = building.trim();
      return b && b.length <= BUILDING_MAX ? { kind: 'building', building: b } : null;
    }
    if (kind === 'common') {
      const p = place.trim();
      return p.length >= PLACE_MIN && p.length <= PLACE_MAX ? { kind: 'common', place: p } : null;
    }
    return null;
  };

  const similar = useSimilar();
  /** Looks for the same problem at the same place, once both are known (never while typing). */
  const lookUp = (c: RequestCategory | null, l: LocationInput | null) => {
    if (c && l) similar.find(c, l);
    else similar.clear();
  };

  /** What is missing, in words; null when the form can be sent. */
  const problem = (): string | null => {
    if (!category) return '请选择类别（水电、电梯……）';
    if (!kind) return '请选择地点：我家、某栋楼或公共区域';
    if (kind === 'home' && homes.length > 1 && !homeId) return '请选择是哪一套房屋';
    if (kind === 'building' && !building.trim()) return '请填写楼栋号，例如 3';
    if (kind === 'building' && building.trim().length > BUILDING_MAX) return `楼栋号最多 ${BUILDING_MAX} 个字`;
    if (kind === 'common' && place.trim().length < PLACE_MIN) return `请写明公共区域的位置（至少 ${PLACE_MIN} 个字），例如：小区东门`;
    if (kind === 'common' && place.trim().length > PLACE_MAX) return `公共区域的位置最多 ${PLACE_MAX} 个字`;
    const d = description.trim().length;
    if (d < DESCRIPTION_MIN) return `请描述遇到的问题（至少 ${DESCRIPTION_MIN} 个字）`;
    if (d > DESCRIPTION_MAX) return `描述最多 ${DESCRIPTION_MAX} 个字`;
    if (uploading) return '照片还在上传，请稍等';
    return null;
  };

  const submit = async () => {
    if (busy) return;
    const p = problem();
    const l = location();
    if (p || !l || !category) {
      setError(new ApiError('INVALID_INPUT', p ?? '请把表填完整'));
      return;
    }
    // Asked at the tap (WeChat refuses it later): to be told when it is taken up and resolved.
    await requestSubscribe('requestSubmit');
    await run(
      async () => {
        const r = await api.request.submit({
          type,
          category,
          urgency,
          description: description.trim(),
          location: l,
          ...(photos.length ? { photos } : {}),
        });
        void Taro.redirectTo({ url: requestUrl(r.id) });
      },
      { keepBusy: true },
    );
  };

  const edited = () => setError(null);

  const chooseKind = (k: PlaceKind) => {
    setKind(k);
    edited();
    // A home is complete at once; a building or a place when its words are written.
    if (k === 'home') lookUp(category, homeId ? { kind: 'home', homeId } : { kind: 'home' });
    else if (k === 'building') lookUp(category, building.trim() ? { kind: 'building', building: building.trim() } : null);
    else lookUp(category, place.trim().length >= PLACE_MIN ? { kind: 'common', place: place.trim() } : null);
  };

  return (
    <View>
      <View className='linli-card'>
        <Text className='linli-label'>是什么事</Text>
        <View className='linli-choices request-choices'>
          {REQUEST_TYPES.map((t) => (
            <ChoiceButton
              key={t}
              selected={type === t}
              onClick={() => {
                setType(t);
                edited();
              }}
            >
              {REQUEST_TYPE_LABELS[t]}
            </ChoiceButton>
          ))}
        </View>
      </View>

      <View className='linli-card'>
        <Text className='linli-label'>类别（必选）</Text>
        <View className='linli-choices request-choices'>
          {REQUEST_CATEGORIES.map((c) => (
            <ChoiceButton
              key={c}
              selected={category === c}
              onClick={() => {
                setCategory(c);
                edited();
                lookUp(c, location());
              }}
            >
              {REQUEST_CATEGORY_LABELS[c]}
            </ChoiceButton>
          ))}
        </View>
      </View>

      <View className='linli-card'>
        <Text className='linli-label'>在哪里（必选）</Text>
        <View className='linli-choices request-choices'>
          {PLACE_KINDS.map((p) => (
            <ChoiceButton key={p.kind} selected={kind === p.kind} onClick={() => chooseKind(p.kind)}>
              {p.text}
            </ChoiceButton>
          ))}
        </View>
        {kind === 'home' ? (
          homes.length > 1 ? (
            <View>
              <Text className='linli-label request-gap'>哪一套房屋</Text>
              <View className='linli-choices request-choices request-new-column'>
                {homes.map((h) => (
                  <ChoiceButton
                    key={h.homeId}
                    selected={homeId === h.homeId}
                    onClick={() => {
                      setHomeId(h.homeId);
                      edited();
                      lookUp(category, { kind: 'home', homeId: h.homeId });
                    }}
                  >
                    {h.homeLabel}
                  </ChoiceButton>
                ))}
              </View>
            </View>
          ) : homes.length === 1 ? (
            <Text className='linli-text request-gap'>我家：{homes[0].homeLabel}</Text>
          ) : null
        ) : null}
        {kind === 'building' ? (
          <View className='linli-field request-gap'>
            <Text className='linli-label'>楼栋号</Text>
            <Input
              className='linli-input'
              type='text'
              value={building}
              placeholder='楼栋号，例如 3'
              placeholderStyle='color:#595959'
              maxlength={BUILDING_MAX}
              onInput={(e) => {
                setBuilding(e.detail.value);
                edited();
              }}
              onBlur={() => lookUp(category, location())}
              onConfirm={() => lookUp(category, location())}
            />
            <Text className='linli-hint'>楼道、电梯、单元门这类一栋楼共用的地方，选“某栋楼”。</Text>
          </View>
        ) : null}
        {kind === 'common' ? (
          <View className='linli-field request-gap'>
            <Text className='linli-label'>具体位置</Text>
            <Input
              className='linli-input'
              type='text'
              value={place}
              placeholder='例如：小区东门、地下车库'
              placeholderStyle='color:#595959'
              maxlength={PLACE_MAX}
              onInput={(e) => {
                setPlace(e.detail.value);
                edited();
              }}
              onBlur={() => lookUp(category, location())}
              onConfirm={() => lookUp(category, location())}
            />
          </View>
        ) : null}
      </View>

      <Similar state={similar} />

      <View className='linli-card'>
        <Text className='linli-label'>紧急程度</Text>
        <View className='linli-choices request-choices'>
          {URGENCIES.map((u) => (
            <ChoiceButton key={u} selected={urgency === u} onClick={() => setUrgency(u)}>
              {URGENCY_LABELS[u]}
            </ChoiceButton>
          ))}
        </View>
        <Text className='linli-hint'>漏水、停电、电梯困人、有安全隐患，请选“紧急”，物业会优先处理。</Text>
      </View>

      <View className='linli-card'>
        <TextArea
          label='描述'
          value={description}
          placeholder='请描述遇到的问题'
          maxlength={DESCRIPTION_MAX}
          onChange={(v) => {
            setDescription(v);
            edited();
          }}
          hint={`${countHint(DESCRIPTION_MIN, DESCRIPTION_MAX, description)}手机号、身份证号会自动打码。`}
        />
      </View>

      <View className='linli-card'>
        <PhotoPicker
          folder='wishes'
          photos={photos}
          max={MAX_PHOTOS}
          onChange={(p) => {
            setPhotos(p);
            edited();
          }}
          onBusy={setUploading}
          disabled={busy}
        />
      </View>

      <View className='linli-card'>
        <ErrorNote error={error} prefix={error?.code === 'CONTENT_REJECTED' ? undefined : '没能提交：'} />
        <Button className='linli-button' type='primary' size='xlarge' block disabled={busy || uploading} onClick={() => void submit()}>
          {busy ? '正在提交…' : uploading ? '照片上传中，请稍等' : '提交'}
        </Button>
        <Text className='linli-hint'>提交后，物业会受理并派人处理；每一步都会发到“我的消息”，也可以在“报事报修”里查看。</Text>
      </View>
    </View>
  );
}

interface SimilarState {
  items: RequestView[];
  find: (category: RequestCategory, location: LocationInput) => void;
  clear: () => void;
}

/** request.similar for the category and place chosen; an older answer that comes late is dropped. */
function useSimilar(): SimilarState {
  const [items, setItems] = useState<RequestView[]>([]);
  const seq = useRef(0);
  const asked = useRef<string | null>(null);
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  const find = (category: RequestCategory, location: LocationInput) => {
    const key = JSON.stringify({ category, location });
    if (key === asked.current) return;
    asked.current = key;
    const mine = ++seq.current;
    api.request
      .similar({ category, location })
      .then((found) => {
        if (mounted.current && mine === seq.current) setItems(found);
      })
      .catch(() => {
        // Only a help before submitting: a failure here does not stop the resident.
        if (mounted.current && mine === seq.current) setItems([]);
      });
  };

  const clear = () => {
    seq.current++;
    asked.current = null;
    setItems([]);
  };

  return { items, find, clear };
}

/** 附近已有相同的诉求: each with 我也遇到了; the resident may still submit their own. */
function Similar({ state }: { state: SimilarState }) {
  const [supporting, setSupporting] = useState<string | null>(null);
  /** Said "me too" to a request the server does not show this resident: what came of it. */
  const [added, setAdded] = useState<RequestView | null>(null);
  const { busy, error, run } = useSubmit();
  if (state.items.length === 0 && !added) return null;

  const support = async (id: string) => {
    if (busy) return;
    setSupporting(id);
    setAdded(null);
    const done = await run(async () => {
      const view = await api.request.support({ requestId: id });
      // To its detail page, when the server lets this resident read it; else the answer here.
      const readable = await api.request.get({ requestId: view.id }).then(
        () => true,
        () => false,
      );
      return { view, readable };
    });
    if (!done) return;
    if (done.readable) void Taro.redirectTo({ url: requestUrl(done.view.id) });
    else setAdded(done.view);
  };

  return (
    <View className='linli-card request-similar'>
      <Text className='linli-section-title'>附近已有相同的诉求</Text>
      <Text className='linli-text-2'>如果是同一件事，点“我也遇到了”，物业能看到有多少人遇到；不是同一件事，请接着往下填。</Text>
      <ErrorNote error={error} prefix='没能加上：' />
      {added ? (
        <OkNote>
          <Text className='request-strong'>
            已记下：您也遇到了“{firstLine(added.description, 30)}”，现在 {added.supporters + 1} 人遇到，物业处理时能看到。
          </Text>
        </OkNote>
      ) : null}
      {added ? (
        <Button className='linli-button' size='xlarge' block onClick={() => void Taro.navigateBack().catch(() => Taro.redirectTo({ url: '/pages/request/index' }))}>
          返回报事报修
        </Button>
      ) : null}
      {state.items.map((r) => (
        <View key={r.id} className='linli-row'>
          <Text className='linli-text request-new-similar-text'>{firstLine(r.description, 80)}</Text>
          <Text className='linli-text-2'>地点：{r.placeLabel}</Text>
          <Text className='linli-text-2'>状态：{REQUEST_STATUS_LABELS[r.status] ?? r.status}</Text>
          <Text className='linli-text-2'>{r.supporters + 1} 人遇到</Text>
          {r.mine ? (
            <View>
              <Text className='linli-text request-new-similar-note'>这是您自己提交的。</Text>
              <Button className='linli-button request-gap' size='xlarge' block onClick={() => void Taro.navigateTo({ url: requestUrl(r.id) })}>
                查看处理情况
              </Button>
            </View>
          ) : r.supported || added?.id === r.id ? (
            <Text className='linli-text request-new-similar-note'>您已经说过“我也遇到了”。</Text>
          ) : (
            <Button className='linli-button request-gap' type='primary' size='xlarge' block disabled={busy} onClick={() => void support(r.id)}>
              {busy && supporting === r.id ? '正在提交…' : '我也遇到了'}
            </Button>
          )}
        </View>
      ))}
    </View>
  );
}
