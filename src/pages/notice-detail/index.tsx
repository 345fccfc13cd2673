import { useState } from 'react';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { NoticeView, UnreadReport } from '../../core/notice/api';
import { type NoticeBlock, nextNoticeStatus } from '../../core/notice/types';
import { useApi } from '../../hooks/useApi';
import { useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import NoticeTags, { formatDay, noticeAudience, noticeAuthor } from '../../components/NoticeTags';
import { ErrorNote, OkNote } from '../../components/Notes';
import ReasonField from '../../components/ReasonField';
import './index.css';

const REASON_MAX = 200;

export default function NoticeDetail() {
  const id = useRouter().params.id ?? '';
  const session = useSession();
  // notice.get records the read receipt (once per person, on the server).
  const notice = useApi(() => (id ? api.notice.get({ noticeId: id }) : Promise.reject(new ApiError('NOT_FOUND', '没有找到这条公告'))), [id], { auto: false });
  useDidShow(() => void notice.reload());
  const estateId = session.data?.user.currentEstateId ?? null;
  const mayPublish = !!estateId && session.can('notice.create', { estateId });

  return (
    <PageShell query={notice}>
      {(n) => (
        <View>
          <NoticeBody notice={n} />
          {mayPublish ? <AuthorTools notice={n} onChanged={() => void notice.reload()} /> : null}
        </View>
      )}
    </PageShell>
  );
}

function NoticeBody({ notice: n }: { notice: NoticeView }) {
  return (
    <View className='notice-detail'>
      <NoticeTags notice={n} />
      <View className='notice-title' role='heading'>
        {n.title}
      </View>
      <Text className='linli-text-2 notice-author'>{noticeAuthor(n)}</Text>
      <Text className='linli-text-2'>
        {n.publishedAt ? `发布于 ${formatDay(n.publishedAt, true)}` : `草稿，上次保存 ${formatDay(n.updatedAt, true)}`}
      </Text>
      <Text className='linli-text-2'>发给：{noticeAudience(n)}</Text>
      {n.status !== 'draft' ? <Text className='linli-text-2 notice-read-count'>已读 {n.readCount} 人</Text> : null}

      {n.status === 'withdrawn' ? (
        <View className='notice-banner notice-banner--withdrawn' role='alert'>
          <Text className='notice-banner-title'>此公告已撤回</Text>
          {n.withdrawnAt ? <Text className='linli-text'>撤回时间：{formatDay(n.withdrawnAt, true)}</Text> : null}
          {n.withdrawReason ? <Text className='linli-text'>撤回原因：{n.withdrawReason}</Text> : null}
        </View>
      ) : null}
      {n.expired ? (
        <View className='notice-banner'>
          <Text className='notice-banner-title'>此公告已过期</Text>
          {n.expiresAt ? <Text className='linli-text'>有效期到 {formatDay(n.expiresAt, true)}，内容仅供查阅。</Text> : null}
        </View>
      ) : n.expiresAt && n.status !== 'withdrawn' ? (
        <Text className='linli-text-2'>有效期到 {formatDay(n.expiresAt, true)}</Text>
      ) : null}

      {n.body.length ? (
        <View className='linli-card notice-body'>
          <Blocks blocks={n.body} />
        </View>
      ) : null}

      {n.edited ? <History noticeId={n.id} /> : null}
    </View>
  );
}

/** Paragraphs in large type, images full width, attachments as a labelled row. */
function Blocks({ blocks }: { blocks: NoticeBlock[] }) {
  return (
    <View>
      {blocks.map((b, i) => {
        if (b.type === 'paragraph') {
          return (
            <Text key={i} className='notice-paragraph' userSelect>
              {b.text}
            </Text>
          );
        }
        if (b.type === 'image') {
          return (
            <View key={i} className='notice-image'>
              <Image className='notice-image-img' src={b.fileId} mode='widthFix' showMenuByLongpress />
              <Text className='linli-text-2'>{b.caption ? `图片：${b.caption}` : '图片'}</Text>
            </View>
          );
        }
        return (
          <View key={i} className='notice-attachment'>
            <Text className='linli-label'>附件</Text>
            <Text className='linli-text'>{b.name}</Text>
          </View>
        );
      })}
    </View>
  );
}

/** 已修改: the earlier versions, opened in place on request. */
function History({ noticeId }: { noticeId: string }) {
  const [open, setOpen] = useState(false);
  const history = useApi(() => api.notice.history({ noticeId }), [noticeId], { auto: false });

  const toggle = () => {
    if (!open && !history.data) void history.reload();
    setOpen(!open);
  };

  return (
    <View className='linli-card notice-history'>
      <Text className='linli-text notice-edited'>这条公告发布后修改过。</Text>
      <Button className='linli-button' size='xlarge' block onClick={toggle}>
        {open ? '收起修改记录' : '查看修改记录'}
      </Button>
      {open ? (
        <View>
          <ErrorNote error={history.error} prefix='没能读取修改记录：' />
          {!history.data && !history.error ? <Text className='linli-text-2'>正在加载，请稍候…</Text> : null}
          {history.data && history.data.length === 0 ? <Text className='linli-text-2'>没有修改记录。</Text> : null}
          {history.data?.map((r) => (
            <View key={r.version} className='linli-row notice-revision'>
              <Text className='linli-label'>
                第 {r.version} 版（{formatDay(r.editedAt, true)} 改为下一版）
              </Text>
              <Text className='linli-row-title'>{r.title}</Text>
              <Blocks blocks={r.body} />
            </View>
          ))}
        </View>
      ) : null}
    </View>
  );
}

/**
 * For the notice's author: who has not read it, 编辑, 撤回. The view does not say who the author
 * is, so the section asks notice.unread and stays away when the server refuses.
 */
function AuthorTools({ notice: n, onChanged }: { notice: NoticeView; onChanged: () => void }) {
  // Mounted after the page was shown: it loads by itself, and again when the notice changes.
  const report = useApi<UnreadReport>(() => api.notice.unread({ noticeId: n.id }), [n.id, n.status, n.readCount, n.updatedAt]);
  const [withdrawing, setWithdrawing] = useState(false);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  if (report.error && (report.error.code === 'FORBIDDEN' || report.error.code === 'NOT_FOUND')) return null;
  if (!report.data && !report.error) return null;

  const mayEdit = nextNoticeStatus(n.status, 'edit') !== null;
  const mayWithdraw = nextNoticeStatus(n.status, 'withdraw') !== null;

  const withdraw = async () => {
    if (busy) return;
    if (reason.trim().length < 2) {
      setError(new ApiError('INVALID_INPUT', '请写明撤回原因（至少两个字），读者会看到'));
      return;
    }
    await run(async () => {
      await api.notice.withdraw({ noticeId: n.id, reason: reason.trim() });
      setWithdrawing(false);
      setDone(true);
      onChanged();
    });
  };

  return (
    <View className='linli-card notice-author-tools'>
      <Text className='linli-section-title'>发布者工具</Text>
      {done ? (
        <OkNote>
          <Text>已撤回。读者会看到“已撤回”和您写的原因。</Text>
        </OkNote>
      ) : null}
      {report.error ? <ErrorNote error={report.error} prefix='没能读取未读名单：' /> : null}
      {report.data ? <UnreadList report={report.data} /> : null}

      <ErrorNote error={error} prefix='没能撤回：' />
      {mayEdit ? (
        <Button className='linli-button' size='xlarge' block onClick={() => void Taro.navigateTo({ url: `/pages/notice-edit/index?id=${encodeURIComponent(n.id)}` })}>
          编辑
        </Button>
      ) : null}
      {mayWithdraw && !withdrawing ? (
        <Button className='linli-button' size='xlarge' block onClick={() => setWithdrawing(true)}>
          撤回
        </Button>
      ) : null}
      {mayWithdraw && withdrawing ? (
        <ReasonField
          className='notice-withdraw'
          label='撤回原因（读者会看到）'
          placeholder='请写明撤回原因'
          maxlength={REASON_MAX}
          value={reason}
          onChange={setReason}
          onClearError={() => setError(null)}
          busy={busy}
          confirmText='确认撤回'
          busyText='正在撤回…'
          onConfirm={() => void withdraw()}
          cancelText='不撤回'
          onCancel={() => {
            setWithdrawing(false);
            setError(null);
          }}
        />
      ) : null}
    </View>
  );
}

function UnreadList({ report }: { report: UnreadReport }) {
  return (
    <View className='notice-unread'>
      <Text className='linli-text notice-unread-summary'>
        应读 {report.audienceSize} 人，已读 {report.readCount} 人，未读 {report.unread.length} 人
      </Text>
      {report.unread.length ? (
        <View>
          <Text className='linli-label'>未读名单（姓名已部分隐藏）</Text>
          <View className='notice-unread-list'>
            {report.unread.map((p, i) => (
              <Text key={`${p.name}-${p.building}-${i}`} className='notice-unread-person'>
                {p.name}（{p.building}）
              </Text>
            ))}
          </View>
        </View>
      ) : (
        <Text className='linli-text-2'>应读的人都已读。</Text>
      )}
    </View>
  );
}
