/**
 * A vote's outcome in words (ProposalResult): the tally of an owners' vote (业主共同决定,
 * Civil Code art. 278) by head and by area against its lines, a committee vote, or the counts of
 * an advisory vote. The verdict comes from the server's tally; this only says it, and why.
 * Also the words of a vote shared with the vote page: choices, channels, the way it is decided.
 */
import { Text, View } from '@tarojs/components';
import type { MatterCode, ProposalResult, VoteKind } from '../core/proposal/types';
import { matterNumber, voteKindOf } from '../core/proposal/types';
import { type Choice, type Matter, SUPERMAJORITY_MATTERS } from '../core/vote/tally';
import { formatArea } from '../core/estate/types';
import { formatDay } from './NoticeTags';
import './VoteResult.css';

export const CHOICE_LABELS: Record<Choice, string> = { yes: '赞成', no: '反对', abstain: '弃权' };
export const CHANNEL_LABELS: Record<'online' | 'paper', string> = { online: '网上投票', paper: '纸质选票' };

/** Matters 6–8 need 3/4 rather than more than half (core/vote/tally.ts). */
export const needsThreeQuarters = (matter: MatterCode | number): boolean => {
  const n = typeof matter === 'number' ? matter : matterNumber(matter);
  return n !== null && SUPERMAJORITY_MATTERS.includes(n as Matter);
};

/** 过半数 / 达到四分之三以上: the approval line of an owners' vote in words. */
export const approvalWords = (matter: MatterCode | number) => (needsThreeQuarters(matter) ? '达到四分之三以上' : '过半数');

/** 业主共同决定（第5项）/ 业委会表决 / 征求意见. */
export function voteMethodText(matter: MatterCode): string {
  const kind = voteKindOf(matter);
  if (kind === 'committee') return '业委会表决';
  if (kind === 'advisory') return '征求意见';
  return `业主共同决定（第${matterNumber(matter)}项）`;
}

/** The rule of each kind of vote in plain words, one sentence a line. */
export function voteRuleLines(matter: MatterCode): string[] {
  const kind: VoteKind = voteKindOf(matter);
  if (kind === 'committee') return ['业委会委员每人一票。', '通过：赞成的人数超过全体委员的半数（按全体委员算，不是按投票的人算）。'];
  if (kind === 'advisory') return ['每户一票。', '结果只供参考，不作决定。'];
  return [
    '每位业主一票，按登记的专有部分面积和人数计算。',
    '参与：专有部分面积和人数都达到三分之二以上，表决才有效。',
    `通过：参与表决的面积和人数都${approvalWords(matter)}赞成。`,
    '弃权算参与表决；不投票不算参与。',
  ];
}

/** Which of 人数 / 面积 falls short, in words: 人数 / 面积 / 人数和面积; '' when none can be named. */
const short = (heads: boolean, area: boolean) => (!heads && !area ? '人数和面积' : !heads ? '人数' : !area ? '面积' : '');

type Owners = NonNullable<ProposalResult['owners']>;

/** Why an owners' vote passed or failed, in one sentence. */
export function ownersReason(o: Owners, passed: boolean): string {
  const line = approvalWords(o.matter);
  if (passed) return `参与表决的人数和面积都达到三分之二，赞成的人数和面积都${line}。`;
  if (!o.participation.met) {
    const what = short(o.participation.headsMet, o.participation.areaMet);
    return `参与${what || '人数和面积'}未达到三分之二，表决无效。`;
  }
  const what = short(o.approval.headsMet, o.approval.areaMet);
  return `赞成的${what || '人数和面积'}未${line}。`;
}

function Verdict({ passed, reason }: { passed: boolean; reason: string }) {
  return (
    <View className={`vote-verdict vote-verdict--${passed ? 'passed' : 'failed'}`}>
      <Text className='vote-verdict-label'>表决结果</Text>
      <Text className='vote-verdict-word'>{passed ? '通过' : '未通过'}</Text>
      <Text className='linli-text vote-verdict-reason'>{reason}</Text>
    </View>
  );
}

/** One line of figures: a label, then what it says. */
function Fact({ label, children, strong }: { label: string; children: string; strong?: boolean }) {
  return (
    <View className={`vote-fact${strong ? ' vote-fact--strong' : ''}`}>
      <Text className='vote-fact-label'>{label}</Text>
      <Text className='vote-fact-value'>{children}</Text>
    </View>
  );
}

const headsAndArea = (owners: number, areaDm2: number) => `${owners} 人，${formatArea(areaDm2)}`;

function OwnersResult({ o, passed }: { o: Owners; passed: boolean }) {
  const line = approvalWords(o.matter);
  return (
    <View>
      <Verdict passed={passed} reason={ownersReason(o, passed)} />
      <Text className='linli-section-title vote-result-heading'>计票</Text>
      <Fact label='全体业主'>{headsAndArea(o.totals.owners, o.totals.areaDm2)}</Fact>
      <Fact label='参与表决'>{headsAndArea(o.participation.owners, o.participation.areaDm2)}</Fact>
      <Fact label='参与是否达到三分之二' strong>
        {o.participation.met ? '已达到（人数和面积都达到三分之二以上）' : '未达到（表决无效）'}
      </Fact>
      <Fact label='赞成'>{headsAndArea(o.approval.owners, o.approval.areaDm2)}</Fact>
      <Fact label='反对'>{headsAndArea(o.against.owners, o.against.areaDm2)}</Fact>
      <Fact label='弃权'>{headsAndArea(o.abstain.owners, o.abstain.areaDm2)}</Fact>
      <Fact label={`通过线：参与表决的人数和面积都${line}赞成`} strong>
        {o.approval.met ? '已达到' : '未达到'}
      </Fact>
      <Text className='linli-text-2 vote-result-note'>弃权算参与表决；不投票不算参与。面积按登记的专有部分面积计算。</Text>
    </View>
  );
}

function CommitteeResult({ c, passed }: { c: NonNullable<ProposalResult['committee']>; passed: boolean }) {
  const reason = `赞成 ${c.yes} 人，${passed ? '超过' : '没有超过'}全体委员 ${c.members} 人的半数。`;
  return (
    <View>
      <Verdict passed={passed} reason={reason} />
      <Text className='linli-section-title vote-result-heading'>计票</Text>
      <Fact label='全体委员'>{`${c.members} 人`}</Fact>
      <Fact label='已投票'>{`${c.voted} 人`}</Fact>
      <Fact label='赞成'>{`${c.yes} 人`}</Fact>
      <Fact label='反对'>{`${c.no} 人`}</Fact>
      <Fact label='弃权'>{`${c.abstain} 人`}</Fact>
      <Fact label='通过线：全体委员过半数赞成' strong>
        {passed ? '已达到' : '未达到'}
      </Fact>
    </View>
  );
}

const optionLabel = (key: string) => (key in CHOICE_LABELS ? CHOICE_LABELS[key as Choice] : key);

function AdvisoryResult({ a }: { a: NonNullable<ProposalResult['advisory']> }) {
  const entries = Object.entries(a.counts);
  return (
    <View>
      <View className='vote-verdict vote-verdict--advisory'>
        <Text className='vote-verdict-label'>征求意见结果</Text>
        <Text className='vote-verdict-word'>仅供参考</Text>
        <Text className='linli-text vote-verdict-reason'>征求意见不作决定，下面是各选项的户数。</Text>
      </View>
      <Text className='linli-section-title vote-result-heading'>各选项户数</Text>
      {entries.map(([key, n]) => (
        <Fact key={key} label={optionLabel(key)}>{`${n} 户`}</Fact>
      ))}
      <Fact label='表达意见的户数' strong>{`${a.homes} 户`}</Fact>
    </View>
  );
}

/** The outcome of a closed vote, words first; nothing while it is not known. */
export default function VoteResult({ result: r }: { result: ProposalResult }) {
  let body = null;
  if (r.kind === 'owners' && r.owners) body = <OwnersResult o={r.owners} passed={r.passed === true} />;
  else if (r.kind === 'committee' && r.committee) body = <CommitteeResult c={r.committee} passed={r.passed === true} />;
  else if (r.kind === 'advisory' && r.advisory) body = <AdvisoryResult a={r.advisory} />;
  return (
    <View className='linli-card vote-result'>
      {body ?? <Text className='linli-text'>计票结果暂时没有内容。</Text>}
      <Text className='linli-text-2 vote-result-note'>计票时间：{formatDay(r.closedAt, true)}</Text>
    </View>
  );
}
