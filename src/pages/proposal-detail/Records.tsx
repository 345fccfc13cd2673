import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { api } from '../../api/client';
import type { RecordView } from '../../core/proposal/api';
import {
  FUNDING_LABELS,
  MATTER_LABELS,
  POSITION_LABELS,
  PROPOSAL_STATUS_LABELS,
  type FundingSource,
  type MatterCode,
  type PositionParty,
  type ProposalStatus,
} from '../../core/proposal/types';
import { useSubmit } from '../../hooks/useSubmit';
import { ErrorNote, OkNote } from '../../components/Notes';
import { PhotoList } from '../../components/WishParts';
import { TimelineRows, type TimelineRow } from '../../components/Timeline';
import { formatDay, matterText, partyLabel, yuanText } from '../../components/ProposalParts';

/** What happened at one step, in words. */
function kindText(r: RecordView): string {
  switch (r.kind) {
    case 'create':
      return '起草了议题';
    case 'edit':
      return '修改了议题';
    case 'submit':
      return '提交了议题';
    case 'accept':
      return '受理了议题';
    case 'approve':
      if (r.role === 'branch') return '初审通过';
      if (r.role === 'community') return '审定备案';
      return '签署同意';
    case 'sign':
      return '签署同意（联审）';
    case 'reject':
      return '审核不通过';
    case 'returnForRevision':
      return '退回修改';
    case 'withdraw':
      return '撤回了议题';
    case 'position':
      return '发表了立场';
    case 'poll':
      return '发起了征求意见';
    case 'openVote':
      return '开始表决';
    case 'closeVote':
      return '结束表决并计票';
    case 'implement':
      return '开始实施';
    case 'progress':
      return '记录了实施进展';
    case 'complete':
      return '实施完成';
    case 'publish':
      return r.data?.what === 'publicity' ? '发布了公示公告' : r.data?.what === 'decision' ? '发布了决议公告' : r.data?.what === 'outcome' ? '发布了结果公告' : '发布了公告';
    default:
      return '更新了议题';
  }
}

/** What the written words of a step are. */
const OPINION_LABELS: Partial<Record<RecordView['kind'], string>> = {
  withdraw: '撤回原因',
  implement: '说明',
  progress: '进展',
  complete: '实施结果',
};

const status = (s: ProposalStatus | null) => (s ? (PROPOSAL_STATUS_LABELS[s] ?? s) : '');
const str = (v: unknown): string | null => (typeof v === 'string' && v ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The version a record carries (edits and submits): 第N版. */
const versionOf = (r: RecordView): number | null => (r.kind === 'create' || r.kind === 'edit' || r.kind === 'submit' ? num(r.data?.version) : null);
const CONTENT_KEYS = ['title', 'background', 'plan', 'costFen', 'funding', 'matter', 'attachments'];
const hasContent = (d: Record<string, unknown> | null) => !!d && CONTENT_KEYS.some((k) => d[k] !== undefined);

/** A version of the text, as it was then. */
function VersionText({ data: d }: { data: Record<string, unknown> }) {
  const cost = num(d.costFen);
  const funding = str(d.funding) as FundingSource | null;
  const matter = str(d.matter) as MatterCode | null;
  return (
    <View className='proposal-record-version'>
      {str(d.title) ? <Text className='linli-row-title'>{str(d.title)}</Text> : null}
      {str(d.background) ? (
        <View>
          <Text className='linli-label'>背景</Text>
          <Text className='linli-text proposal-detail-prose' userSelect>
            {str(d.background)}
          </Text>
        </View>
      ) : null}
      {str(d.plan) ? (
        <View>
          <Text className='linli-label'>具体方案</Text>
          <Text className='linli-text proposal-detail-prose' userSelect>
            {str(d.plan)}
          </Text>
        </View>
      ) : null}
      {cost !== null ? <Text className='linli-text-2'>预计费用：{yuanText(cost)}</Text> : null}
      {funding ? <Text className='linli-text-2'>出资方式：{FUNDING_LABELS[funding] ?? funding}</Text> : null}
      {matter ? <Text className='linli-text-2'>事项类别：{MATTER_LABELS[matter] ? matterText(matter) : matter}</Text> : null}
      <PhotoList photos={strings(d.attachments)} label='附件' />
    </View>
  );
}

/** What other steps carried, in words: the decision's terms, a note, photos, a result. */
function DataLines({ r }: { r: RecordView }) {
  const d = r.data;
  if (!d) return null;
  const lines: string[] = [];
  const decision = isRecord(d.decision) ? d.decision : d;
  const matter = str(decision.matter) as MatterCode | null;
  const startsAt = num(decision.startsAt);
  const endsAt = num(decision.endsAt);
  if (matter && !versionOf(r)) lines.push(`表决方式：${MATTER_LABELS[matter] ? matterText(matter) : matter}`);
  if (startsAt && endsAt) lines.push(`表决时间：${formatDay(startsAt, true)} 至 ${formatDay(endsAt, true)}`);
  const party = str(d.party) as PositionParty | null;
  if (party && POSITION_LABELS[party]) lines.push(`代表：${POSITION_LABELS[party]}`);
  for (const [key, label] of [
    ['text', '内容'],
    ['note', '说明'],
    ['outcome', '实施结果'],
    ['question', '问题'],
  ] as const) {
    const v = str(d[key]);
    if (v) lines.push(`${label}：${v}`);
  }
  const options = strings(d.options);
  if (options.length) lines.push(`选项：${options.join('、')}`);
  if (typeof d.passed === 'boolean') lines.push(`表决结果：${d.passed ? '通过' : '未通过'}`);
  const result = isRecord(d.result) ? d.result : null;
  if (result && 'passed' in result) lines.push(`表决结果：${result.passed === true ? '通过' : result.passed === false ? '未通过' : '仅征求意见'}`);
  const noticeId = str(d.noticeId) ?? str(d.notice);
  const noticeLabel = d.what === 'publicity' ? '查看公示公告' : d.what === 'decision' ? '查看决议公告' : d.what === 'outcome' ? '查看结果公告' : '查看这条公告';
  const photos = strings(d.photos);
  if (lines.length === 0 && !noticeId && photos.length === 0) return null;
  return (
    <View>
      {lines.map((l) => (
        <Text key={l} className='linli-text proposal-detail-prose'>
          {l}
        </Text>
      ))}
      <PhotoList photos={photos} />
      {noticeId ? (
        <Button className='linli-button proposal-detail-gap' size='xlarge' block onClick={() => void Taro.navigateTo({ url: `/pages/notice-detail/index?id=${encodeURIComponent(noticeId)}` })}>
          {noticeLabel}
        </Button>
      ) : null}
    </View>
  );
}

/** Under a step: a version's text to open (edits and submits), or what else it carried; its hash. */
function RecordMore({ r }: { r: RecordView }) {
  const [expanded, setExpanded] = useState(false);
  const version = versionOf(r);
  return (
    <>
      {version && hasContent(r.data) ? (
        <View>
          <Button className='linli-button proposal-detail-gap' size='xlarge' block onClick={() => setExpanded(!expanded)}>
            {expanded ? `收起第${version}版内容` : `查看第${version}版内容`}
          </Button>
          {expanded && r.data ? <VersionText data={r.data} /> : null}
        </View>
      ) : (
        <DataLines r={r} />
      )}
      <Text className='proposal-record-hash'>校验码 {r.hash.slice(0, 8)}</Text>
    </>
  );
}

/** A record as a step of the timeline: 第N条, who in which capacity, what, the opinion. */
function recordRow(r: RecordView): TimelineRow {
  const version = versionOf(r);
  return {
    key: String(r.seq),
    when: `第 ${r.seq} 条 · ${formatDay(r.at, true)}`,
    who: r.actorName,
    role: r.role === 'system' ? null : partyLabel(r.role),
    what: `${kindText(r)}${version ? `（第${version}版）` : ''}`,
    from: status(r.from),
    to: status(r.to),
    note: r.opinion ? `${OPINION_LABELS[r.kind] ?? '意见'}：${r.opinion}` : null,
    extra: <RecordMore r={r} />,
  };
}

/** 过程公开: every step in order, and a check that nothing in the chain was changed. */
export default function Records({ proposalId, records }: { proposalId: string; records: RecordView[] }) {
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const { busy, error, run } = useSubmit();
  const sorted = [...records].sort((a, b) => a.seq - b.seq);

  const verify = async () => {
    if (busy) return;
    setResult(null);
    const v = await run(() => api.proposal.verify({ proposalId }));
    if (!v) return;
    setResult(
      v.ok
        ? { ok: true, text: `记录完整，共 ${v.length} 条，未被改动` }
        : { ok: false, text: `记录有问题${v.brokenAt ? `（第 ${v.brokenAt} 条）` : ''}：${v.reason ?? '与保存的记录对不上'}` },
    );
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>过程记录（过程公开）</Text>
      <Text className='linli-hint proposal-detail-hint'>每一步谁、以什么身份、什么时候、什么意见，都按顺序记在这里；每条记录都连着上一条的校验码，改动任何一条都能被查出来。</Text>
      {sorted.length === 0 ? <Text className='linli-text-2'>还没有记录。</Text> : null}
      <TimelineRows rows={sorted.map(recordRow)} />
      <ErrorNote error={error} prefix='没能核验：' />
      {result ? (
        result.ok ? (
          <OkNote>
            <Text>{result.text}</Text>
          </OkNote>
        ) : (
          <ErrorNote error={result.text} />
        )
      ) : null}
      <Button className='linli-button' size='xlarge' block disabled={busy} onClick={() => void verify()}>
        {busy ? '正在核验…' : '核验记录'}
      </Button>
    </View>
  );
}
