import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { ProposalView, RecordView } from '../../core/proposal/api';
import {
  FUNDING_LABELS,
  FUNDING_SOURCES,
  MATTERS,
  PROPOSAL_STATUS_LABELS,
  proposalLink,
  type FundingSource,
  type MatterCode,
} from '../../core/proposal/types';
import { useApi } from '../../hooks/useApi';
import { useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import TextField from '../../components/TextField';
import TextArea, { countHint } from '../../components/TextArea';
import { ErrorNote, OkNote } from '../../components/Notes';
import { PhotoPicker } from '../../components/WishParts';
import { formatDay, matterText, yuanText } from '../../components/ProposalParts';
import './index.css';

const TITLE_MIN = 4;
const TITLE_MAX = 60;
const BACKGROUND_MIN = 10;
const BACKGROUND_MAX = 2000;
const PLAN_MIN = 10;
const PLAN_MAX = 4000;
const MAX_ATTACHMENTS = 9;
const MAX_COST_FEN = 100_000_000_000;

const toDetail = (id: string) => void Taro.redirectTo({ url: proposalLink(encodeURIComponent(id)) });

/** Fen as the yuan the form shows: 30000, 35.5. */
const yuanInput = (fen: number) => (fen % 100 ? (fen / 100).toFixed(2) : String(fen / 100));

/** The yuan typed, as whole fen; null when it is not an amount. Empty is 0. */
function parseCost(text: string): number | null {
  const t = text.trim().replace(/[,，\s]/g, '');
  if (t === '') return 0;
  if (!/^\d+(\.\d*)?$/.test(t)) return null;
  const fen = Math.round(Number(t) * 100);
  return Number.isFinite(fen) && fen >= 0 ? fen : null;
}

/** Why it was sent back: the opinion of the step that returned it (else the last record's). */
function returnedReason(records: RecordView[]): string | null {
  const back = [...records].reverse().find((r) => r.to === 'returned' || r.kind === 'returnForRevision');
  return back?.opinion ?? records[records.length - 1]?.opinion ?? null;
}

/** 起草议题, or ?id= to revise a draft or a returned proposal. */
export default function ProposalEdit() {
  const id = useRouter().params.id ?? '';
  const session = useSession();
  useEffect(() => {
    if (id) void Taro.setNavigationBarTitle({ title: '修改议题' }).catch(() => undefined);
  }, [id]);
  return (
    <PageShell title={id ? '修改议题' : '起草议题'} query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        if (!estateId) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>您还没有选择小区。请到“我的”选择您住的小区。</Text>
            </View>
          );
        }
        if (id) return <LoadThenEdit key={`${estateId}-${id}`} id={id} />;
        if (!session.can('proposal.create', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>只有本小区已认证的业主和物业可以提出议题。请先到“我的”绑定房屋，审核通过后再来。</Text>
            </View>
          );
        }
        return <Editor key={estateId} />;
      }}
    </PageShell>
  );
}

function LoadThenEdit({ id }: { id: string }) {
  const detail = useApi(() => api.proposal.get({ proposalId: id }), [id]);
  if (detail.error) {
    return (
      <View>
        <ErrorNote error={detail.error} prefix='没能打开这个议题：' />
        <Button className='linli-button' size='xlarge' block onClick={() => void detail.reload()}>
          重试
        </Button>
      </View>
    );
  }
  if (!detail.data) return <Text className='linli-text-2'>正在加载，请稍候…</Text>;
  const { proposal: p, records } = detail.data;
  if (!p.editable) {
    return (
      <View className='linli-card'>
        <Text className='linli-text'>
          这个议题现在是“{PROPOSAL_STATUS_LABELS[p.status] ?? p.status}”，不能修改。只有提出人能修改草稿和被退回的议题。
        </Text>
        <Button className='linli-button proposal-edit-gap' size='xlarge' block onClick={() => toDetail(p.id)}>
          查看议题
        </Button>
      </View>
    );
  }
  return <Editor initial={p} reason={p.status === 'returned' ? returnedReason(records) : null} />;
}

function Editor({ initial, reason }: { initial?: ProposalView; reason?: string | null }) {
  const [proposalId, setProposalId] = useState<string | null>(initial?.id ?? null);
  const [title, setTitle] = useState(initial?.title ?? '');
  const [background, setBackground] = useState(initial?.background ?? '');
  const [plan, setPlan] = useState(initial?.plan ?? '');
  const [cost, setCost] = useState(initial ? yuanInput(initial.costFen) : '');
  const [funding, setFunding] = useState<FundingSource | null>(initial?.funding ?? null);
  const [matter, setMatter] = useState<MatterCode | null>(initial?.matter ?? null);
  const [attachments, setAttachments] = useState<string[]>(initial?.attachments ?? []);
  const [uploading, setUploading] = useState(false);
  const [saved, setSaved] = useState<ProposalView | null>(null);
  const [doing, setDoing] = useState<'save' | 'submit' | null>(null);
  const { busy, error, setError, run } = useSubmit();

  const edited = () => {
    setSaved(null);
    setError(null);
  };
  const costFen = parseCost(cost);

  /** What is missing, in words; null when the form can be sent. */
  const problem = (): string | null => {
    const t = title.trim().length;
    if (t < TITLE_MIN) return `请填写标题（至少 ${TITLE_MIN} 个字）`;
    if (t > TITLE_MAX) return `标题最多 ${TITLE_MAX} 个字`;
    const b = background.trim().length;
    if (b < BACKGROUND_MIN) return `请写一写背景（至少 ${BACKGROUND_MIN} 个字）：为什么要做这件事`;
    if (b > BACKGROUND_MAX) return `背景最多 ${BACKGROUND_MAX} 个字`;
    const p = plan.trim().length;
    if (p < PLAN_MIN) return `请写一写具体方案（至少 ${PLAN_MIN} 个字）：怎么做、谁来做、什么时候做`;
    if (p > PLAN_MAX) return `具体方案最多 ${PLAN_MAX} 个字`;
    if (costFen === null) return '预计费用请只填数字，单位是元，例如 30000';
    if (costFen > MAX_COST_FEN) return '预计费用太大了，请检查是否多填了数字';
    if (!funding) return '请选择出资方式';
    if (!matter) return '请选择事项类别';
    if (uploading) return '附件照片还在上传，请稍等';
    return null;
  };

  const check = () => {
    const p = problem();
    if (p) setError(new ApiError('INVALID_INPUT', p));
    return !p;
  };

  /** proposal.create the first time, proposal.update after that. */
  const save = async (): Promise<ProposalView> => {
    const fields = {
      title: title.trim(),
      background: background.trim(),
      plan: plan.trim(),
      costFen: costFen ?? 0,
      funding: funding as FundingSource,
      matter: matter as MatterCode,
      attachments,
    };
    if (proposalId) return api.proposal.update({ proposalId, ...fields });
    const created = await api.proposal.create(fields);
    setProposalId(created.id);
    return created;
  };

  const saveDraft = async () => {
    if (busy || !check()) return;
    setDoing('save');
    const p = await run(save);
    if (p) setSaved(p);
  };

  const submit = async () => {
    if (busy || !check()) return;
    setDoing('submit');
    await run(
      async () => {
        const p = await save();
        await api.proposal.submit({ proposalId: p.id });
        toDetail(p.id);
      },
      { keepBusy: true },
    );
  };

  return (
    <View>
      {reason ? (
        <View className='linli-card proposal-edit-returned'>
          <Text className='linli-section-title'>议题被退回修改</Text>
          <Text className='linli-text'>审核意见：{reason}</Text>
          <Text className='linli-hint'>请按意见修改后，再点“提交议题”。修改前后的每一版都会留在过程记录里。</Text>
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
          placeholder='例如：3栋加装电梯'
          maxlength={TITLE_MAX}
          hint={`${TITLE_MIN}–${TITLE_MAX} 个字`}
        />
        <TextArea
          label='背景'
          short
          className='proposal-edit-background'
          value={background}
          placeholder='为什么要做这件事'
          maxlength={BACKGROUND_MAX}
          onChange={(v) => {
            setBackground(v);
            edited();
          }}
          hint={countHint(BACKGROUND_MIN, BACKGROUND_MAX, background)}
          hintClassName='proposal-edit-hint'
        />
        <TextArea
          label='具体方案'
          value={plan}
          placeholder='具体怎么做、谁来做、什么时候做'
          maxlength={PLAN_MAX}
          onChange={(v) => {
            setPlan(v);
            edited();
          }}
          hint={countHint(PLAN_MIN, PLAN_MAX, plan)}
        />
      </View>

      <View className='linli-card'>
        <TextField
          label='预计费用（元）'
          type='digit'
          value={cost}
          onChange={(v) => {
            setCost(v);
            edited();
          }}
          placeholder='0'
          maxlength={14}
          hint={costFen === null ? '请只填数字，单位是元' : costFen === 0 ? '不需要费用可以不填' : `即 ${yuanText(costFen)}`}
        />
        <Text className='linli-label'>出资方式（必选）</Text>
        <View className='linli-choices proposal-choices'>
          {FUNDING_SOURCES.map((f) => (
            <ChoiceButton
              key={f}
              selected={funding === f}
              onClick={() => {
                setFunding(f);
                edited();
              }}
            >
              {FUNDING_LABELS[f]}
            </ChoiceButton>
          ))}
        </View>
      </View>

      <View className='linli-card'>
        <Text className='linli-label'>事项类别（必选）</Text>
        <Text className='linli-hint proposal-edit-hint'>
          业主共同决定的事项（民法典第二百七十八条）：第6–8项要参加表决的业主人数和面积都达到四分之三以上同意，其他各项要过半数同意；小区日常事务由业委会表决决定。
        </Text>
        <View className='linli-choices proposal-choices proposal-column'>
          {MATTERS.map((m) => (
            <ChoiceButton
              key={m}
              selected={matter === m}
              onClick={() => {
                setMatter(m);
                edited();
              }}
            >
              {matterText(m)}
            </ChoiceButton>
          ))}
        </View>
      </View>

      <View className='linli-card'>
        <PhotoPicker
          folder='wishes'
          label='附件照片'
          max={MAX_ATTACHMENTS}
          photos={attachments}
          onChange={(p) => {
            setAttachments(p);
            edited();
          }}
          onBusy={setUploading}
          disabled={busy}
        />
        <Text className='linli-hint'>例如现场照片、报价单、图纸。</Text>
      </View>

      <View className='linli-card'>
        <ErrorNote error={error} prefix={error?.code === 'CONTENT_REJECTED' ? undefined : '没能完成：'} />
        {saved ? (
          <OkNote>
            <Text className='proposal-edit-saved'>
              草稿已保存（{formatDay(saved.updatedAt, true)}）。还没有提交；在“四方议事”的“我的”里可以找到它。
            </Text>
          </OkNote>
        ) : null}
        <Button className='linli-button' type='primary' size='xlarge' block disabled={busy || uploading} onClick={() => void submit()}>
          {busy && doing === 'submit' ? '正在提交…' : '提交议题'}
        </Button>
        <Button className='linli-button' size='xlarge' block disabled={busy || uploading} onClick={() => void saveDraft()}>
          {busy && doing === 'save' ? '正在保存…' : '保存草稿'}
        </Button>
        <Text className='linli-hint'>提交后交党支部受理，之后经业委会和物业联审、联席会议审定；每一步的意见都会公开在过程记录里。</Text>
      </View>
    </View>
  );
}
