import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import dayjs from 'dayjs';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { Role } from '../../core/auth/types';
import type { NoticeView } from '../../core/notice/api';
import { CATEGORY_LABELS, CATEGORY_ROLES, NOTICE_CATEGORIES, type NoticeBlock, type NoticeCategory, nextNoticeStatus } from '../../core/notice/types';
import { useApi } from '../../hooks/useApi';
import { useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import TextField from '../../components/TextField';
import TextArea from '../../components/TextArea';
import { formatDay } from '../../components/NoticeTags';
import { ErrorNote, OkNote } from '../../components/Notes';
import './index.css';

const TITLE_MAX = 60;
const BODY_MAX = 20_000;
/** How long a notice stays listed: kept as it is (editing), for good, or some days from today. */
type Expiry = 'keep' | 'never' | 7 | 30 | 90;
const EXPIRY_DAYS = [7, 30, 90] as const;

const toDetail = (id: string) => void Taro.redirectTo({ url: `/pages/notice-detail/index?id=${encodeURIComponent(id)}` });
const toList = () => void Taro.switchTab({ url: '/pages/notice/index' });

/** The categories one may publish in: those whose publishing roles one holds (CATEGORY_ROLES). */
const allowedCategories = (roles: ReadonlySet<Role>) => NOTICE_CATEGORIES.filter((c) => CATEGORY_ROLES[c].some((r) => roles.has(r)));

/** Blank lines separate paragraphs. */
const toParagraphs = (text: string): NoticeBlock[] =>
  text
    .split(/\r?\n[ \t\u3000]*\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => ({ type: 'paragraph' as const, text: p }));

/** 3, 5栋，7 → ['3', '5', '7']; empty → [] (the whole estate). */
const toBuildings = (text: string) => [
  ...new Set(
    text
      .split(/[,，、;；\s]+/)
      .map((b) => b.trim().replace(/栋$/, ''))
      .filter(Boolean),
  ),
];

export default function NoticeEdit() {
  const id = useRouter().params.id ?? '';
  const session = useSession();
  return (
    <PageShell title={id ? '编辑公告' : '发布公告'} query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        const roles = session.actor?.roles;
        if (!estateId || !roles || !session.can('notice.create', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>只有本小区的党支部、业委会、物业和社区工作人员可以发布公告。</Text>
            </View>
          );
        }
        return id ? <LoadThenEdit key={`${estateId}-${id}`} id={id} roles={roles} /> : <Editor key={estateId} roles={roles} />;
      }}
    </PageShell>
  );
}

function LoadThenEdit({ id, roles }: { id: string; roles: ReadonlySet<Role> }) {
  const notice = useApi(() => api.notice.get({ noticeId: id }), [id]);
  if (notice.error) {
    return (
      <View>
        <ErrorNote error={notice.error} prefix='没能打开这条公告：' />
        <Button className='linli-button' size='xlarge' block onClick={() => void notice.reload()}>
          重试
        </Button>
      </View>
    );
  }
  if (!notice.data) return <Text className='linli-text-2'>正在加载，请稍候…</Text>;
  if (nextNoticeStatus(notice.data.status, 'edit') === null) {
    return (
      <View className='linli-card'>
        <Text className='linli-text'>这条公告已撤回，不能再修改。</Text>
      </View>
    );
  }
  return <Editor initial={notice.data} roles={roles} />;
}

function Editor({ initial, roles }: { initial?: NoticeView; roles: ReadonlySet<Role> }) {
  const categories = allowedCategories(roles);
  const [noticeId, setNoticeId] = useState<string | null>(initial?.id ?? null);
  const published = initial?.status === 'published';
  const [title, setTitle] = useState(initial?.title ?? '');
  const [category, setCategory] = useState<NoticeCategory | null>(
    initial && categories.includes(initial.category) ? initial.category : categories.length === 1 ? categories[0] : null,
  );
  const [text, setText] = useState(() => (initial?.body ?? []).flatMap((b) => (b.type === 'paragraph' ? [b.text] : [])).join('\n\n'));
  /** Images and attachments are not edited here: they are kept, after the paragraphs. */
  const others = (initial?.body ?? []).filter((b) => b.type !== 'paragraph');
  const [buildings, setBuildings] = useState(initial && !initial.audience.includes('*') ? initial.audience.join('，') : '');
  const [pinned, setPinned] = useState(initial?.pinned ?? false);
  const [expiry, setExpiry] = useState<Expiry>(initial ? 'keep' : 'never');
  const { busy, error, setError, run } = useSubmit();
  const [saved, setSaved] = useState<NoticeView | null>(null);
  const [done, setDone] = useState<{ notice: NoticeView; what: 'published' | 'updated' } | null>(null);

  const edited = () => {
    setSaved(null);
    setError(null);
  };

  /** What is missing, in words; null when the form can be sent. */
  const problem = (): string | null => {
    if (title.trim().length < 2) return '请填写标题（至少两个字）';
    if (!category) return '请选择公告类别';
    if (toParagraphs(text).length === 0 && others.length === 0) return '请填写正文';
    return null;
  };

  const expiresAt = (): number | null | undefined => {
    if (expiry === 'keep') return undefined;
    if (expiry === 'never') return null;
    return dayjs().add(expiry, 'day').endOf('day').valueOf();
  };

  /** notice.create the first time, notice.update after that. */
  const save = async (): Promise<NoticeView> => {
    const fields = {
      title: title.trim(),
      body: [...toParagraphs(text), ...others],
      category: category as NoticeCategory,
      buildings: toBuildings(buildings),
      pinned,
    };
    const until = expiresAt();
    if (noticeId) return api.notice.update({ noticeId, ...fields, ...(until === undefined ? {} : { expiresAt: until }) });
    const created = await api.notice.create({ ...fields, expiresAt: until ?? null });
    setNoticeId(created.id);
    setExpiry('keep');
    return created;
  };

  const check = () => {
    const p = problem();
    if (p) setError(new ApiError('INVALID_INPUT', p));
    return !p;
  };

  const saveDraft = async () => {
    if (busy || !check()) return;
    await run(async () => {
      const n = await save();
      if (published) setDone({ notice: n, what: 'updated' });
      else setSaved(n);
    });
  };

  const publish = async () => {
    if (busy || !check()) return;
    await run(async () => {
      const n = await save();
      setDone({ notice: await api.notice.publish({ noticeId: n.id }), what: 'published' });
    });
  };

  if (done) {
    return (
      <View className='linli-card'>
        <OkNote>
          <Text className='notice-edit-done'>{done.what === 'published' ? '公告已发布' : '修改已保存，读者会看到“已修改”和修改记录'}</Text>
        </OkNote>
        <Text className='linli-row-title'>{done.notice.title}</Text>
        <Button className='linli-button notice-edit-gap' type='primary' size='xlarge' block onClick={() => toDetail(done.notice.id)}>
          查看公告
        </Button>
        <Button className='linli-button' size='xlarge' block onClick={toList}>
          返回公告列表
        </Button>
      </View>
    );
  }

  return (
    <View>
      {published ? (
        <View className='linli-card'>
          <Text className='linli-text'>这条公告已经发布。保存修改后，读者会看到“已修改”，并能查看修改前的内容。</Text>
        </View>
      ) : null}

      <View className='linli-card'>
        <TextField
          label='标题'
          value={title}
          onChange={(v) => {
            setTitle(v);
            edited();
          }}
          placeholder='请输入标题'
          maxlength={TITLE_MAX}
        />
        <Text className='linli-label'>类别</Text>
        {categories.length === 0 ? <Text className='linli-text-2'>您目前的身份不能发布任何类别的公告。</Text> : null}
        <View className='linli-choices'>
          {categories.map((c) => (
            <ChoiceButton
              key={c}
              selected={category === c}
              onClick={() => {
                setCategory(c);
                edited();
              }}
            >
              {CATEGORY_LABELS[c]}
            </ChoiceButton>
          ))}
        </View>
      </View>

      <View className='linli-card'>
        <TextArea
          label='正文'
          className='notice-edit-body'
          value={text}
          placeholder='请输入正文'
          maxlength={BODY_MAX}
          onChange={(v) => {
            setText(v);
            edited();
          }}
          hint={`段落之间空一行。${others.length ? `原有的 ${others.length} 张图片或附件会保留在正文后面。` : ''}`}
        />
      </View>

      <View className='linli-card'>
        <TextField
          label='发给哪些楼栋'
          value={buildings}
          onChange={(v) => {
            setBuildings(v);
            edited();
          }}
          placeholder='楼栋，用逗号分隔（不填为全体）'
          maxlength={200}
          hint={toBuildings(buildings).length ? `将发给：${toBuildings(buildings).map((b) => `${b}栋`).join('、')}` : '将发给：全体居民'}
        />

        <Text className='linli-label'>是否置顶</Text>
        <View className='linli-choices'>
          <ChoiceButton
            selected={!pinned}
            onClick={() => {
              setPinned(false);
              edited();
            }}
          >
            不置顶
          </ChoiceButton>
          <ChoiceButton
            selected={pinned}
            onClick={() => {
              setPinned(true);
              edited();
            }}
          >
            置顶
          </ChoiceButton>
        </View>

        <Text className='linli-label notice-edit-gap'>有效期</Text>
        <View className='linli-choices'>
          {initial || noticeId ? (
            <ChoiceButton selected={expiry === 'keep'} onClick={() => setExpiry('keep')}>
              {initial?.expiresAt && !noticeId ? `不变（到${formatDay(initial.expiresAt)}）` : '不变'}
            </ChoiceButton>
          ) : null}
          <ChoiceButton
            selected={expiry === 'never'}
            onClick={() => {
              setExpiry('never');
              edited();
            }}
          >
            长期有效
          </ChoiceButton>
          {EXPIRY_DAYS.map((d) => (
            <ChoiceButton
              key={d}
              selected={expiry === d}
              onClick={() => {
                setExpiry(d);
                edited();
              }}
            >
              {d}天
            </ChoiceButton>
          ))}
        </View>
        {typeof expiry === 'number' ? (
          <Text className='linli-hint'>到 {formatDay(dayjs().add(expiry, 'day').endOf('day').valueOf())} 为止，之后不再显示在列表里。</Text>
        ) : null}
      </View>

      <View className='linli-card'>
        <ErrorNote error={error} prefix={published ? '没能保存：' : '没能完成：'} />
        {saved ? (
          <OkNote>
            <Text className='notice-edit-saved'>草稿已保存（{formatDay(saved.updatedAt, true)}）。在“公告”页的“我的草稿”里可以继续编辑。</Text>
          </OkNote>
        ) : null}
        {published ? (
          <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void saveDraft()}>
            {busy ? '正在保存…' : '保存修改'}
          </Button>
        ) : (
          <View>
            <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void publish()}>
              {busy ? '正在提交…' : '发布'}
            </Button>
            <Button className='linli-button' size='xlarge' block disabled={busy} onClick={() => void saveDraft()}>
              保存草稿
            </Button>
            <Text className='linli-hint'>发布后，发给的居民会在“我的消息”里收到通知。</Text>
          </View>
        )}
      </View>
    </View>
  );
}
