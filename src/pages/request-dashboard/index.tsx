import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { Figures, Share, Stat } from '../../core/request/figures';
import { REQUEST_CATEGORY_LABELS, REQUEST_STATUS_LABELS, REQUEST_TYPE_LABELS } from '../../core/request/types';
import { useApi } from '../../hooks/useApi';
import { currentEstateName, useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import ChoiceButton from '../../components/ChoiceButton';
import { ErrorNote, OkNote } from '../../components/Notes';
import { LateTag, formatMinutes, openRequest } from '../../components/RequestParts';
import './index.css';

/** China Standard Time (no daylight saving): the estate's days and months. */
const CHINA_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

type PeriodKey = 'thisMonth' | 'lastMonth' | 'last30' | 'last90';
const PERIODS: { key: PeriodKey; text: string }[] = [
  { key: 'thisMonth', text: '本月' },
  { key: 'lastMonth', text: '上月' },
  { key: 'last30', text: '近30天' },
  { key: 'last90', text: '近90天' },
];

interface Period {
  key: PeriodKey;
  /** Milliseconds; `to` is exclusive. */
  from: number;
  to: number;
}

/** The period in China time: whole days, `to` exclusive (the start of the day after). */
function periodOf(key: PeriodKey, now = Date.now()): Period {
  const d = new Date(now + CHINA_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const month = (yy: number, mm: number) => Date.UTC(yy, mm, 1) - CHINA_MS;
  const today = Date.UTC(y, m, d.getUTCDate()) - CHINA_MS;
  switch (key) {
    case 'lastMonth':
      return { key, from: month(y, m - 1), to: month(y, m) };
    case 'last30':
      return { key, from: today - 29 * DAY_MS, to: today + DAY_MS };
    case 'last90':
      return { key, from: today - 89 * DAY_MS, to: today + DAY_MS };
    case 'thisMonth':
    default:
      return { key: 'thisMonth', from: month(y, m), to: month(y, m + 1) };
  }
}

/** A day in China time: 2025年3月8日. */
const chinaDay = (ms: number) => {
  const d = new Date(ms + CHINA_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
};

/** What is said instead of a figure withheld below the minimum sample. */
const tooFew = (n: number, min: number) => `样本不足（${n} 件，至少 ${min} 件才显示）`;
const duration = (minutes: number) => (minutes < 1 ? '不到 1 分' : formatMinutes(minutes));
const percent = (s: Share, min: number) => (s.percent === null ? tooFew(s.of, min) : `${s.percent}%（${s.of} 件中 ${s.count} 件）`);

export default function RequestDashboard() {
  const session = useSession();
  return (
    <PageShell title='诉求分析' query={session}>
      {(login) => {
        const estateId = login.user.currentEstateId;
        if (!estateId || !session.can('request.dashboard', { estateId })) {
          return (
            <View className='linli-card'>
              <Text className='linli-text'>诉求分析只给本小区的物业、业委会和社区看。</Text>
            </View>
          );
        }
        return (
          <View>
            <Text className='linli-text-2 request-dash-intro'>{currentEstateName(login) ?? '本小区'}的诉求：数量、按时办结、用时、重开和满意度。撤回的诉求不算在内。</Text>
            <Dashboard key={estateId} />
          </View>
        );
      }}
    </PageShell>
  );
}

function Dashboard() {
  const [period, setPeriod] = useState<Period>(() => periodOf('thisMonth'));
  const figures = useApi(() => api.request.dashboard({ from: period.from, to: period.to }), [period.from, period.to]);
  /** The same period again (a new day may have begun since it was chosen). */
  const refresh = () => {
    const next = periodOf(period.key);
    if (next.from === period.from && next.to === period.to) void figures.reload();
    else setPeriod(next);
  };

  return (
    <View>
      <View className='linli-card'>
        <Text className='linli-label'>统计哪段时间</Text>
        <View className='linli-choices request-choices'>
          {PERIODS.map((p) => (
            <ChoiceButton key={p.key} selected={period.key === p.key} onClick={() => setPeriod(periodOf(p.key))}>
              {p.text}
            </ChoiceButton>
          ))}
        </View>
        <Text className='linli-text'>
          {chinaDay(period.from)} 至 {chinaDay(period.to - 1)}
        </Text>
        <Button className='linli-button request-gap' size='xlarge' block disabled={figures.loading} onClick={refresh}>
          {figures.loading && figures.data ? '正在刷新…' : '刷新'}
        </Button>
      </View>

      {figures.error ? (
        <View className='linli-card'>
          <ErrorNote error={figures.error} prefix='没能统计：' />
          <Button className='linli-button' size='xlarge' block onClick={() => void figures.reload()}>
            重试
          </Button>
        </View>
      ) : null}
      {!figures.data && !figures.error ? <Text className='linli-text-2'>正在统计，请稍候…</Text> : null}
      {figures.data ? <FiguresView f={figures.data} /> : null}
      {figures.data ? <Export key={`${period.from}-${period.to}`} period={period} /> : null}
    </View>
  );
}

function FiguresView({ f }: { f: Figures }) {
  const min = f.minSample;
  return (
    <View>
      <View className='linli-card'>
        <Text className='linli-label'>诉求总数</Text>
        <Text className='request-dash-total'>{f.total} 件</Text>
      </View>

      <View className='linli-card'>
        <Text className='linli-section-title'>按类别</Text>
        <Bars rows={f.byCategory.map((c) => ({ label: REQUEST_CATEGORY_LABELS[c.category] ?? c.category, count: c.count }))} />
      </View>

      <View className='linli-card'>
        <Text className='linli-section-title'>按楼栋</Text>
        <Bars rows={f.byBuilding.map((b) => ({ label: b.building, count: b.count }))} />
      </View>

      <View className='linli-card'>
        <Text className='linli-section-title'>办理情况</Text>
        <Figure label='按时办结率' value={percent(f.withinTarget, min)} />
        <TimeFigure label='受理用时' stat={f.timeToAccept} min={min} />
        <TimeFigure label='办结用时' stat={f.timeToResolve} min={min} />
        <Figure label='重开率' value={percent(f.reopened, min)} />
      </View>

      <View className='linli-card'>
        <Text className='linli-section-title'>满意度（1–5 分，5 分最满意）</Text>
        {f.satisfaction.overall === null ? (
          <Text className='linli-text request-strong'>{tooFew(f.satisfaction.n, min)}</Text>
        ) : (
          <View>
            <Figure label='总体' value={`${f.satisfaction.overall} 分（${f.satisfaction.n} 件评价）`} />
            <Figure label='响应速度' value={f.satisfaction.speed === null ? tooFew(f.satisfaction.n, min) : `${f.satisfaction.speed} 分`} />
            <Figure label='处理结果' value={f.satisfaction.result === null ? tooFew(f.satisfaction.n, min) : `${f.satisfaction.result} 分`} />
            <Figure label='服务态度' value={f.satisfaction.attitude === null ? tooFew(f.satisfaction.n, min) : `${f.satisfaction.attitude} 分`} />
          </View>
        )}
      </View>

      <View className='linli-card'>
        <Text className='linli-section-title'>最慢的未办结诉求</Text>
        {f.slowestOpen.length === 0 ? <Text className='linli-text'>这段时间提交的诉求都已办结。</Text> : null}
        {f.slowestOpen.map((s) => (
          <View key={s.id} className='linli-row request-dash-slow' hoverClass='linli-item--pressed' role='link' onClick={() => openRequest(s.id)}>
            <Text className='linli-row-title'>
              {REQUEST_TYPE_LABELS[s.type] ?? s.type} · {REQUEST_CATEGORY_LABELS[s.category] ?? s.category}
            </Text>
            {s.overdue ? <LateTag /> : null}
            <Text className='linli-text-2'>地点：{s.placeLabel}</Text>
            <Text className='linli-text-2'>状态：{REQUEST_STATUS_LABELS[s.status] ?? s.status}</Text>
            <Text className='linli-text-2'>已等待 {duration(s.ageMin)}</Text>
            <Text className='linli-link'>查看详情 ›</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** A labelled big figure. */
function Figure({ label, value }: { label: string; value: string }) {
  return (
    <View className='request-dash-figure'>
      <Text className='linli-label'>{label}</Text>
      <Text className='request-dash-value'>{value}</Text>
    </View>
  );
}

/** 中位数 and 平均数 of a duration, with the sample size; withheld below the minimum sample. */
function TimeFigure({ label, stat, min }: { label: string; stat: Stat; min: number }) {
  return (
    <View className='request-dash-figure'>
      <Text className='linli-label'>
        {label}（{stat.n} 件）
      </Text>
      {stat.medianMin === null || stat.averageMin === null ? (
        <Text className='request-dash-value'>{tooFew(stat.n, min)}</Text>
      ) : (
        <View>
          <Text className='request-dash-value'>中位数 {duration(stat.medianMin)}</Text>
          <Text className='request-dash-value'>平均数 {duration(stat.averageMin)}</Text>
        </View>
      )}
    </View>
  );
}

/** A horizontal bar chart of plain Views: each bar labelled with its number. */
function Bars({ rows }: { rows: { label: string; count: number }[] }) {
  if (rows.length === 0) return <Text className='linli-text'>这段时间没有诉求。</Text>;
  const max = Math.max(1, ...rows.map((r) => r.count));
  return (
    <View>
      {rows.map((r) => (
        <View key={r.label} className='request-bar-row'>
          <Text className='request-bar-label'>{r.label}</Text>
          <View className='request-bar-track'>
            {/* At most 70% wide, so that the number always fits beside the bar. */}
            <View className='request-bar' style={{ width: `${Math.max(2, Math.round((r.count / max) * 70))}%` }} />
            <Text className='request-bar-count'>{r.count} 件</Text>
          </View>
        </View>
      ))}
    </View>
  );
}

interface Saved {
  path: string;
  filename: string;
  csv: string;
}

/** Windows and phones refuse some characters in file names. */
const safeName = (name: string) => name.replace(/[\\/:*?"<>|\s]+/g, '-') || 'requests.csv';

/** CSV as tab-separated rows: what a spreadsheet splits into columns when pasted. */
function csvToTsv(csv: string): string {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map((x) => x.replace(/[\t\r\n]+/g, ' ')).join('\t')).join('\n');
}

function writeFile(filePath: string, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    Taro.getFileSystemManager().writeFile({
      filePath,
      data,
      encoding: 'utf8',
      success: () => resolve(),
      fail: () => reject(new ApiError('INTERNAL', '没能保存文件，请用“复制内容”')),
    });
  });
}

/** 导出 CSV: downloaded in H5; in WeChat saved on the phone, to send to a chat or copy. */
function Export({ period }: { period: Period }) {
  const { busy, error, setError, run } = useSubmit();
  const [message, setMessage] = useState<string | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [csv, setCsv] = useState<{ filename: string; csv: string } | null>(null);

  const exportCsv = async () => {
    if (busy) return;
    setMessage(null);
    setSaved(null);
    setCsv(null);
    await run(async () => {
      const file = await api.request.export({ from: period.from, to: period.to });
      const filename = safeName(file.filename);
      setCsv({ filename, csv: file.csv });
      if (process.env.TARO_ENV === 'h5') {
        const url = URL.createObjectURL(new Blob([file.csv], { type: 'text/csv;charset=utf-8' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = filename;
        a.style.display = 'none';
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
        setTimeout(() => URL.revokeObjectURL(url), 60_000);
        setMessage(`已下载：${filename}。用 Excel 或 WPS 表格打开。`);
        return;
      }
      const path = `${Taro.env.USER_DATA_PATH}/${filename}`;
      try {
        await writeFile(path, file.csv);
        setSaved({ path, filename, csv: file.csv });
        setMessage(`已保存到微信的文件里：${path}。可以点“发送到聊天”把文件发给同事，或点“复制内容”粘贴到表格里。`);
      } catch {
        setMessage('没能保存成文件。请点“复制内容”，再粘贴到表格里。');
      }
    });
  };

  const copy = async () => {
    if (!csv) return;
    setError(null);
    try {
      await Taro.setClipboardData({ data: csvToTsv(csv.csv) });
      setMessage('已复制，可粘贴到表格里');
    } catch {
      setError(new ApiError('INTERNAL', '没能复制，请再试一次'));
    }
  };

  const share = async () => {
    if (!saved) return;
    setError(null);
    try {
      await Taro.shareFileMessage({ filePath: saved.path, fileName: saved.filename });
    } catch {
      setMessage('没有发送。可以再点一次“发送到聊天”，或点“复制内容”。');
    }
  };

  const weapp = process.env.TARO_ENV !== 'h5';
  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>导出</Text>
      <Text className='linli-text-2'>
        把 {chinaDay(period.from)} 至 {chinaDay(period.to - 1)} 的统计导出成表格（CSV），做月报用。
      </Text>
      {message ? (
        <OkNote>
          <Text>{message}</Text>
        </OkNote>
      ) : null}
      <ErrorNote error={error} prefix='没能导出：' />
      <Button className='linli-button request-gap' type='primary' size='xlarge' block disabled={busy} onClick={() => void exportCsv()}>
        {busy ? '正在导出…' : '导出 CSV'}
      </Button>
      {weapp && saved ? (
        <Button className='linli-button' size='xlarge' block onClick={() => void share()}>
          发送到聊天
        </Button>
      ) : null}
      {weapp && csv ? (
        <Button className='linli-button' size='xlarge' block onClick={() => void copy()}>
          复制内容
        </Button>
      ) : null}
    </View>
  );
}
