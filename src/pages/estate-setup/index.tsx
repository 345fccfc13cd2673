import { useEffect, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Button from '@nutui/nutui-react-taro/dist/es/packages/button/index';
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css';
import { ApiError, api } from '../../api/client';
import type { EstateView, ImportReport } from '../../core/estate/api';
import { type SessionState, currentEstateName, useSession } from '../../hooks/useSession';
import { useSubmit } from '../../hooks/useSubmit';
import PageShell from '../../components/PageShell';
import TextField from '../../components/TextField';
import { ErrorNote, OkNote } from '../../components/Notes';
import './index.css';

/** core/estate/api.ts MAX_CSV_CHARS (not imported: that file brings zod into the bundle). */
const MAX_CSV_CHARS = 60_000;

const HEADER = 'building,unit,room,area,ownerKey,developerHeld';
const EXAMPLE = [HEADER, '1,1,101,89.37,owner-001,0', '1,1,102,92.50,owner-001,0', '1,2,201,120.00,,1'].join('\n');

export default function EstateSetup() {
  const session = useSession();
  return (
    <PageShell title='小区设置' query={session}>
      {(login) =>
        session.can('estate.importHomes') || session.can('estate.create') ? (
          <View>
            {session.can('estate.importHomes') ? <ImportHomes estateName={currentEstateName(login)} /> : null}
            {session.can('estate.create') ? <CreateEstate session={session} /> : null}
          </View>
        ) : (
          <View className='linli-card'>
            <Text className='linli-text'>只有社区工作人员可以设置小区。</Text>
          </View>
        )
      }
    </PageShell>
  );
}

/** H5 only: reads a chosen .csv file as text (UTF-8, or GB18030 as Excel in China saves it). */
async function readCsvFile(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function ImportHomes({ estateName }: { estateName: string | null }) {
  const [csv, setCsv] = useState('');
  const { busy, error, setError, run: submit } = useSubmit();
  const [report, setReport] = useState<ImportReport | null>(null);
  const [fileName, setFileName] = useState('');

  // Another estate (one just created): the last report was about the one before.
  useEffect(() => {
    setReport(null);
    setError(null);
  }, [estateName]);

  const run = async () => {
    if (busy) return;
    setReport(null);
    if (!csv.trim()) {
      setError(new ApiError('INVALID_INPUT', '请先粘贴房屋表格（CSV）'));
      return;
    }
    if (csv.length > MAX_CSV_CHARS) {
      setError(new ApiError('INVALID_INPUT', `内容太长（超过 ${MAX_CSV_CHARS} 个字符），请按楼栋分批导入`));
      return;
    }
    await submit(async () => {
      setReport(await api.estate.importHomes({ csv }));
    });
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>导入房屋</Text>
      <Text className='linli-text'>导入到：{estateName ?? '当前小区'}</Text>
      <Text className='linli-text-2 setup-explain'>
        把房屋登记表存成 CSV（逗号分隔），粘贴到下面。第一行是表头，之后每行一套房屋；面积单位为平方米。产权人编号相同的几套房屋属于同一位业主；开发商持有填 1（是）或 0（否）。有任何一行出错就不导入任何数据；同一份表格重复导入不会改变数据。
      </Text>
      <Text className='linli-label'>表头</Text>
      <Text className='linli-code setup-header'>{HEADER}</Text>
      <Text className='linli-label setup-example-label'>示例</Text>
      <Text className='linli-code setup-example'>{EXAMPLE}</Text>

      {process.env.TARO_ENV === 'h5' ? (
        <View className='linli-field setup-file'>
          <Text className='linli-label'>从文件读取（可选）</Text>
          <label className='setup-file-label'>
            选择 CSV 文件…
            <input
              className='setup-file-input'
              type='file'
              accept='.csv,text/csv,text/plain'
              onChange={(e) => {
                const input = e.currentTarget;
                const file = input.files?.[0];
                if (!file) return;
                readCsvFile(file).then(
                  (text) => {
                    setCsv(text);
                    setFileName(file.name);
                    setReport(null);
                    setError(null);
                    input.value = '';
                  },
                  () => setError(new ApiError('INVALID_INPUT', '没能读取这个文件，请改为粘贴内容')),
                );
              }}
            />
          </label>
          {fileName ? <Text className='linli-hint'>已读入：{fileName}（内容在下面，可以再改）</Text> : null}
        </View>
      ) : null}

      <View className='linli-field'>
        <Text className='linli-label'>房屋表格（CSV）</Text>
        <Textarea
          className='linli-textarea setup-csv'
          value={csv}
          placeholder='在这里粘贴 CSV 内容，第一行为表头'
          placeholderStyle='color:#595959'
          maxlength={MAX_CSV_CHARS}
          onInput={(e) => {
            setCsv(e.detail.value);
            setReport(null);
          }}
        />
        <Text className='linli-hint'>{csv ? `共 ${csv.split(/\r\n|\r|\n/).filter((l) => l.trim()).length} 行（含表头）` : ''}</Text>
      </View>

      <ErrorNote error={error} prefix='没能导入：' />
      {report ? <ImportResult report={report} /> : null}

      <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void run()}>
        {busy ? '正在导入…' : '导入'}
      </Button>
    </View>
  );
}

function ImportResult({ report }: { report: ImportReport }) {
  if (report.applied) {
    return (
      <OkNote>
        <Text className='import-report'>
          已导入 {report.rows} 行：新增 {report.created} 套 / 更新 {report.updated} 套 / 未变 {report.unchanged} 套
        </Text>
      </OkNote>
    );
  }
  return (
    <View className='linli-error import-errors' role='alert'>
      <Text className='import-errors-title'>未导入任何数据</Text>
      <Text className='import-errors-sub'>共 {report.errors.length} 处错误，请改正后重新导入：</Text>
      <View className='import-errors-table'>
        {report.errors.map((e, i) => (
          <View key={`${e.line}-${i}`} className='import-error-row'>
            <Text className='import-error-line'>第 {e.line} 行：</Text>
            <Text className='import-error-reason'>{e.reason}</Text>
          </View>
        ))}
      </View>
    </View>
  );
}

function CreateEstate({ session }: { session: SessionState }) {
  const [name, setName] = useState('');
  const [community, setCommunity] = useState('');
  const [city, setCity] = useState('');
  const { busy, error, setError, run: submit } = useSubmit();
  const [created, setCreated] = useState<EstateView | null>(null);

  const create = async () => {
    if (busy) return;
    const missing = [!name.trim() && '小区名称', !community.trim() && '所属社区', !city.trim() && '城市'].filter(Boolean);
    if (missing.length) {
      setError(new ApiError('INVALID_INPUT', `请填写${missing.join('、')}`));
      return;
    }
    setCreated(null);
    await submit(async () => {
      const estate = await api.estate.create({ name: name.trim(), community: community.trim(), city: city.trim() });
      setCreated(estate);
      setName('');
      setCommunity('');
      setCity('');
      // The creator now acts in the new estate: read the session again.
      void session.reload();
    });
  };

  return (
    <View className='linli-card'>
      <Text className='linli-section-title'>新建小区</Text>
      <Text className='linli-text-2 setup-explain'>新建后，您会成为新小区的社区工作人员，并切换到新小区，接着就可以在上面导入它的房屋。</Text>
      <TextField label='小区名称' value={name} onChange={setName} placeholder='例如：幸福里小区' maxlength={40} />
      <TextField label='所属社区' value={community} onChange={setCommunity} placeholder='例如：幸福街道幸福社区' maxlength={40} />
      <TextField label='城市' value={city} onChange={setCity} placeholder='例如：杭州市' maxlength={20} />
      <ErrorNote error={error} prefix='没能新建：' />
      {created ? (
        <OkNote>
          <Text className='create-done'>已新建小区：{created.name}（{created.community}，{created.city}），已切换到这个小区。</Text>
        </OkNote>
      ) : null}
      <Button className='linli-button' type='primary' size='xlarge' block disabled={busy} onClick={() => void create()}>
        {busy ? '正在新建…' : '新建小区'}
      </Button>
    </View>
  );
}
