import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { ProposalView, RecordView } from '../../core/proposal/api';
import {
  POSITION_PARTIES,
  POSITION_ROLES,
  PROPOSAL_STATUS_LABELS,
  voteLink,
  type ProposalResult,
  type ProposalStatus,
} from '../../core/proposal/types';
import { useApi } from '../../hooks/useApi';
import { useSession } from '../../hooks/useSession';
import PageShell from '../../components/PageShell';
import Tag from '../../components/Tag';
import { PhotoList } from '../../components/WishParts';
import { ProposalStatusTag, costText, formatDay, matterText, proposalAuthor } from '../../components/ProposalParts';
import Actions from './Actions';
import Records from './Records';
import { Comments, JointReview, Poll, Positions, ProgressForm } from './Discussion';
import './index.css';

/** What each state means, in words. */
const STATE_TEXT: Record<ProposalStatus, string> = {
  draft: '草稿：还没有提交。',
  submitted: '已提交，等待党支部受理。',
  branchReview: '党支部初审中。',
  jointReview: '业委会、物业联审中：两方都签署同意后，交联席会议审定。',
  meetingReview: '联席会议审定中：社区主持审定备案，并定下表决方式和表决时间。',
  publicized: '公示中：表决开始前，大家可以查看议题、发表意见。',
  voting: '表决中。',
  decided: '已表决，决议已公布。',
  implementing: '实施中。',
  completed: '已完成，实施结果已公布。',
  returned: '退回修改：请提出人按审核意见修改后重新提交。',
  rejected: '未通过审核。',
  withdrawn: '已撤回。',
};
/** Where the vote page has something to show. */
const VOTE_STATUSES: readonly ProposalStatus[] = ['publicized', 'voting', 'decided', 'implementing', 'completed'];
/** Before the vote: an advisory poll can still be started. */
const BEFORE_VOTING: readonly ProposalStatus[] = ['draft', 'returned', 'submitted', 'branchReview', 'jointReview', 'meetingReview', 'publicized'];
const KIND_TEXT: Record<ProposalResult['kind'], string> = { owners: '业主共同决定', committee: '业委会表决', advisory: '征求意见' };

const go = (url: string) => () => void Taro.navigateTo({ url });
const noticeUrl = (id: string) => `/pages/notice-detail/index?id=${encodeURIComponent(id)}`;

export default function ProposalDetailPage() {
  const id = useRouter().params.id ?? '';
  const session = useSession();
  const detail = useApi(() => (id ? api.proposal.get({ proposalId: id }) : Promise.reject(new ApiError('NOT_FOUND', '没有找到这个议题'))), [id], { auto: false });
  useDidShow(() => void detail.reload());
  const [done, setDone] = useState<string | null>(null);
  const estateId = session.data?.user.currentEstateId ?? null;
  const roles = session.actor?.roles;
  const refetch = () => void detail.reload();

  return (
    <PageShell query={detail}>
      {({ proposal: p, records, positions, comments, poll }) => {
        const may = (permission: Parameters<typeof session.can>[0]) => !!estateId && session.can(permission, { estateId });
        const speakAs = may('proposal.position') ? POSITION_PARTIES.filter((party) => !!roles?.has(POSITION_ROLES[party])) : [];
        return (
          <View>
            <Header proposal={p} records={records} />
            <VoteEntry proposal={p} />
            <ResultSummary result={p.result} />
            {p.status === 'jointReview' ? <JointReview signed={p.signed} /> : null}
            <Actions
              proposal={p}
              done={done}
              onStart={() => setDone(null)}
              onDone={(message) => {
                setDone(message);
                refetch();
              }}
              onRefresh={() => {
                setDone(null);
                refetch();
              }}
            />
            {p.status === 'implementing' && (p.mine || may('proposal.progress')) ? <ProgressForm proposalId={p.id} onDone={refetch} /> : null}
            <Publications proposal={p} />
            <Positions proposalId={p.id} positions={positions} speakAs={speakAs} onDone={refetch} />
            <Poll
              proposalId={p.id}
              poll={poll}
              canAnswer={may('proposal.answerPoll')}
              canAttach={BEFORE_VOTING.includes(p.status) && (p.mine || may('proposal.attachPoll'))}
              onDone={refetch}
            />
            <Comments proposalId={p.id} initial={comments} canComment={may('proposal.comment')} />
            <Records proposalId={p.id} records={records} />
          </View>
        );
      }}
    </PageShell>
  );
}

function Header({ proposal: p, records }: { proposal: ProposalView; records: RecordView[] }) {
  // Why it was sent back, turned down or withdrawn: the opinion of the step that led here.
  const last = [...records].sort((a, b) => a.seq - b.seq).reverse().find((r) => r.to === p.status);
  const why = (p.status === 'returned' || p.status === 'rejected' || p.status === 'withdrawn') && last?.opinion ? last.opinion : null;

  return (
    <View>
      <View className='linli-tags'>
        <ProposalStatusTag status={p.status} />
        {p.version > 1 ? <Tag>第{p.version}版</Tag> : null}
      </View>
      <View className='proposal-detail-title' role='heading'>
        {p.title}
      </View>
      <View className={`proposal-detail-state proposal-detail-state--${p.status}`}>
        <Text className='linli-text proposal-detail-state-text'>状态：{STATE_TEXT[p.status] ?? PROPOSAL_STATUS_LABELS[p.status]}</Text>
        {why ? <Text className='linli-text'>{p.status === 'withdrawn' ? '原因' : '审核意见'}：{why}</Text> : null}
      </View>

      <View className='linli-card'>
        <View className='proposal-detail-facts proposal-detail-facts--top'>
          <Text className='linli-text'>事项：{matterText(p.matter)}</Text>
          <Text className='linli-text'>{costText(p)}</Text>
          <Text className='linli-text-2'>提出人：{proposalAuthor(p)}</Text>
          <Text className='linli-text-2'>
            提出于 {formatDay(p.createdAt, true)}
            {p.version > 1 ? ` · 现在是第${p.version}版` : ''}
          </Text>
        </View>
        <Text className='linli-label'>背景</Text>
        <Text className='linli-text proposal-detail-prose proposal-detail-block' userSelect>
          {p.background}
        </Text>
        <Text className='linli-label'>具体方案</Text>
        <Text className='linli-text proposal-detail-prose proposal-detail-block' userSelect>
          {p.plan}
        </Text>
        <PhotoList photos={p.attachments} label='附件' />
      </View>
    </View>
  );
}

/** The way to the vote page, with where the vote stands in one line. */
function VoteEntry({ proposal: p }: { proposal: ProposalView }) {
  if (!VOTE_STATUSES.includes(p.status)) return null;
  const hint =
    p.status === 'publicized'
      ? p.decision
        ? `公示中：表决 ${formatDay(p.decision.startsAt, true)} 开始`
        : '公示中：表决还没有开始'
      : p.status === 'voting'
        ? p.decision
          ? `表决中，${formatDay(p.decision.endsAt, true)} 截止`
          : '表决中'
        : '查看表决结果';
  return (
    <View className='linli-card'>
      <Text className='linli-text proposal-detail-vote-hint'>{hint}</Text>
      <Button className='linli-button proposal-detail-gap' type={p.status === 'voting' ? 'primary' : 'default'} size='xlarge' block onClick={go(voteLink(encodeURIComponent(p.id)))}>
        去表决页
      </Button>
    </View>
  );
}

/** The result in words; the full tally is on the vote page. */
function ResultSummary({ result }: { result: ProposalResult | null }) {
  if (!result) return null;
  const verdict = result.passed === true ? '通过' : result.passed === false ? '未通过' : '仅征求意见';
  return (
    <View className={`linli-card proposal-detail-result proposal-detail-result--${result.passed === true ? 'passed' : result.passed === false ? 'failed' : 'advisory'}`}>
      <Text className='linli-label'>表决结果（{KIND_TEXT[result.kind] ?? result.kind}）</Text>
      <Text className='proposal-detail-verdict'>{verdict}</Text>
      <Text className='linli-text-2'>
        {formatDay(result.closedAt, true)} 计票。完整的计票结果在表决页。
      </Text>
    </View>
  );
}

/** 三公开: the notices that published it, its decision and its outcome; the process is below. */
function Publications({ proposal: p }: { proposal: ProposalView }) {
  const links = (
    [
      ['publicity', '公示公告'],
      ['decision', '决议公告'],
      ['outcome', '结果公告'],
    ] as const
  ).flatMap(([key, label]) => {
    const id = p.publications[key];
    return id ? [{ id, label }] : [];
  });
  if (links.length === 0) return null;
  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>三公开</Text>
      <Text className='linli-hint proposal-detail-hint'>决议和结果都以公告公开发布；过程公开见下方的过程记录。</Text>
      {links.map((l) => (
        <Button key={l.label} className='linli-button' size='xlarge' block onClick={go(noticeUrl(l.id))}>
          {l.label}
        </Button>
      ))}
    </View>
  );
}
