<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AlgorithmMenu</name>
    <message>
        <source>&amp;Algorithm</source>
        <translation>演算法(&amp;A)</translation>
    </message>
    <message>
        <source>Train {algorithm} and a pretraining twin</source>
        <translation>訓練 {algorithm}，旁邊同時訓練一個 pre-training 對照組</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>this run</source>
        <translation>這次訓練</translation>
    </message>
    <message>
        <source>Unsaved run</source>
        <translation>訓練尚未儲存</translation>
    </message>
    <message>
        <source>{run} has {steps} meta-iterations that are not saved.</source>
        <translation>{run} 有 {steps} 次 meta-iteration 還沒儲存。</translation>
    </message>
    <message>
        <source>Save it before you {what}?</source>
        <translation>要先儲存，再{what}嗎？</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Folder</source>
        <extracomment>the path row&apos;s caption, by scope</extracomment>
        <translation>資料夾</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Export current view</source>
        <translation>匯出目前的視圖</translation>
    </message>
    <message>
        <source>Export all views</source>
        <translation>匯出所有視圖</translation>
    </message>
    <message>
        <source>Export animation</source>
        <translation>匯出動畫</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Slide theme (white, thick lines, large fonts)</source>
        <translation>投影片主題（白底、粗線、大字）</translation>
    </message>
    <message>
        <source>Transparent background</source>
        <translation>透明背景</translation>
    </message>
    <message>
        <source>Frames spread evenly over the run&apos;s recorded history</source>
        <translation>影格平均分布在訓練記錄下來的過程中</translation>
    </message>
    <message>
        <source>Aspect</source>
        <translation>長寬比</translation>
    </message>
    <message>
        <source>Frames per second</source>
        <translation>每秒影格數</translation>
    </message>
    <message>
        <source>Frames</source>
        <translation>影格數</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>瀏覽…</translation>
    </message>
    <message>
        <source>width in pixels</source>
        <translation>寬度（像素）</translation>
    </message>
    <message>
        <source>DPI and physical width</source>
        <translation>DPI 與實際寬度</translation>
    </message>
    <message>
        <source>PNG size</source>
        <translation>PNG 大小</translation>
    </message>
    <message>
        <source>Width (px)</source>
        <translation>寬度（px）</translation>
    </message>
    <message>
        <source>DPI, width</source>
        <translation>DPI、寬度</translation>
    </message>
    <message>
        <source>Export all views to folder</source>
        <translation>把所有視圖匯出到資料夾</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
</context>
<context>
    <name>ExportMenu</name>
    <message>
        <source>Preparing</source>
        <extracomment>the animation job&apos;s phases (AnimationJob.progress), named in the status bar</extracomment>
        <translation>準備</translation>
    </message>
    <message>
        <source>Drawing</source>
        <translation>繪製</translation>
    </message>
    <message>
        <source>Encoding</source>
        <translation>編碼</translation>
    </message>
    <message>
        <source>%v / %m frames</source>
        <translation>%v / %m 影格</translation>
    </message>
    <message>
        <source>Encoding {total} frames…</source>
        <translation>正在編碼 {total} 個影格…</translation>
    </message>
    <message>
        <source>{phase} frame {done} of {total}…</source>
        <translation>{phase}第 {done} 個影格，共 {total} 個…</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>匯出(&amp;E)</translation>
    </message>
    <message>
        <source>Export current view…</source>
        <translation>匯出目前的視圖…</translation>
    </message>
    <message>
        <source>Export all views to folder…</source>
        <translation>把所有視圖匯出到資料夾…</translation>
    </message>
    <message>
        <source>Export animation…</source>
        <translation>匯出動畫…</translation>
    </message>
    <message>
        <source>Copy view to clipboard</source>
        <translation>把視圖複製到剪貼簿</translation>
    </message>
    <message>
        <source>Export current view ({view})…</source>
        <translation>匯出目前的視圖（{view}）…</translation>
    </message>
    <message>
        <source>Copy {view} to clipboard</source>
        <translation>把「{view}」複製到剪貼簿</translation>
    </message>
    <message>
        <source>An animation is being exported; wait for it to finish.</source>
        <translation>正在匯出一段動畫；請等它完成。</translation>
    </message>
    <message>
        <source>No recorded training history yet: train or open a saved run first.</source>
        <translation>還沒有記錄下來的訓練過程：請先訓練，或開啟儲存的訓練紀錄。</translation>
    </message>
    <message>
        <source>Animation export is not available in this window.</source>
        <translation>這個視窗不能匯出動畫。</translation>
    </message>
    <message>
        <source>Export {frames} frames of training as {formats}.</source>
        <translation>把訓練過程的 {frames} 個影格匯出成 {formats}。</translation>
    </message>
    <message>
        <source>Export the view over the course of training as {formats}.</source>
        <translation>把視圖在整個訓練過程中的變化匯出成 {formats}。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <source>Choose where to save first.</source>
        <translation>請先選擇要存在哪裡。</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <source>Exported {files}</source>
        <translation>已匯出 {files}</translation>
    </message>
    <message>
        <source>Copy failed</source>
        <translation>複製失敗</translation>
    </message>
    <message>
        <source>Copied the view to the clipboard</source>
        <translation>已把視圖複製到剪貼簿</translation>
    </message>
    <message>
        <source>Cannot write {file}: the folder {folder} does not exist.</source>
        <translation>無法寫入 {file}：資料夾 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Computing {frames} frames of {view} in the training process…</source>
        <translation>正在訓練程序裡計算「{view}」的 {frames} 個影格…</translation>
    </message>
    <message>
        <source>Cannot draw the animation: {error}</source>
        <translation>無法繪製動畫：{error}</translation>
    </message>
</context>
<context>
    <name>FileMenu</name>
    <message>
        <source>A run trained at HW15&apos;s settings, shipped with the app: every view at once, without training. Start trains on from it (with a fresh Adam state); Save writes your own copy.</source>
        <translation>以 HW15 的設定訓練好、隨 app 附上的訓練紀錄：不必等訓練，所有視圖一次看到。「開始」會從它繼續訓練（Adam 的狀態重新開始）；「儲存」會寫下你自己的一份。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open run…</source>
        <translation>開啟訓練紀錄(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save run…</source>
        <translation>儲存訓練紀錄(&amp;S)…</translation>
    </message>
    <message>
        <source>Open &amp;example</source>
        <translation>開啟範例(&amp;E)</translation>
    </message>
    <message>
        <source>Recent runs</source>
        <translation>最近的訓練紀錄</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>開啟訓練紀錄</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>儲存訓練紀錄</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>What am I looking at?</source>
        <translation>我在看什麼？</translation>
    </message>
    <message>
        <source>Open log folder</source>
        <translation>開啟記錄檔資料夾</translation>
    </message>
    <message>
        <source>maml-gui help</source>
        <translation>maml-gui 說明</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Toy 1-D</source>
        <translation>一維玩具任務</translation>
    </message>
    <message>
        <source>Toy 2-D</source>
        <translation>二維玩具任務</translation>
    </message>
    <message>
        <source>Sinusoid regression</source>
        <translation>正弦波迴歸</translation>
    </message>
    <message>
        <source>Omniglot classification</source>
        <translation>Omniglot 分類</translation>
    </message>
    <message>
        <source>Pretraining</source>
        <translation>Pre-training</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;Crosshair</source>
        <translation>十字準線(&amp;C)</translation>
    </message>
    <message>
        <source>A crosshair under the cursor on every plot (the values read out beside it)</source>
        <translation>在每張圖的游標處畫十字準線（旁邊顯示讀數）</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已儲存 {path}</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>已開啟 {path}</translation>
    </message>
    <message>
        <source>untitled run</source>
        <translation>未命名的訓練</translation>
    </message>
    <message>
        <source>quit</source>
        <translation>結束</translation>
    </message>
</context>
<context>
    <name>Presenter</name>
    <message>
        <source>&amp;Presenter mode</source>
        <extracomment>True on entering, False on leaving</extracomment>
        <translation>簡報模式(&amp;P)</translation>
    </message>
    <message>
        <source>One view, full screen, large type</source>
        <translation>一次一個視圖、全螢幕、大字</translation>
    </message>
    <message>
        <source>Next view</source>
        <translation>下一個視圖</translation>
    </message>
    <message>
        <source>Previous view</source>
        <translation>上一個視圖</translation>
    </message>
    <message>
        <source>Leave presenter mode</source>
        <translation>離開簡報模式</translation>
    </message>
    <message>
        <source>Presenter</source>
        <translation>簡報</translation>
    </message>
</context>
<context>
    <name>Presets</name>
    <message>
        <source>The lecture&apos;s picture (toy 1-D)</source>
        <extracomment>the y range of the sine pictures: the family&apos;s largest amplitude, 5, and a margin</extracomment>
        <translation>課堂上的圖（一維玩具任務）</translation>
    </message>
    <message>
        <source>Two task losses over one parameter, φ and each task&apos;s adapted θ_n, as in the lecture notes</source>
        <translation>一個參數上的兩條 task loss，φ 和每個 task 訓練出來的 θ_n，跟課堂筆記一樣</translation>
    </message>
    <message>
        <source>Finn et al. 2017, Figure 2 (K = {k})</source>
        <translation>Finn et al. 2017，Figure 2（K = {k}）</translation>
    </message>
    <message>
        <source>Sinusoid meta-trained on {k} points per task; a held-out sine fitted before adaptation, after 1 and after 10 steps, MAML against pretraining</source>
        <translation>每個 task 用 {k} 個點 meta-train 的正弦波；一條沒看過的正弦波在 update 前、update 1 次和 10 次後的擬合，MAML 對照 pre-training</translation>
    </message>
    <message>
        <source>Three tasks in 2-D</source>
        <translation>二維的三個 task</translation>
    </message>
    <message>
        <source>Three task optima on a plane, φ and each task&apos;s adapted θ_n</source>
        <translation>平面上三個 task 的最佳點，φ 和每個 task 訓練出來的 θ_n</translation>
    </message>
    <message>
        <source>&amp;Published pictures</source>
        <translation>論文與課堂的圖(&amp;P)</translation>
    </message>
    <message>
        <source>start {picture}</source>
        <translation>開始「{picture}」</translation>
    </message>
</context>
<context>
    <name>RunController</name>
    <message>
        <source>maml-gui runs (*.npz);;All files (*)</source>
        <extracomment>Run &gt; Training speed: meta-iterations per second at most (a toy run at full speed is over in seconds; a lecture wants to watch phi and the arrows move) settings a switch to another task family keeps when the user changed them; the others (learning rates, batch and shot sizes) have a scale of their family&apos;s own the file dialogs&apos; filter for saved runs (File &gt; Open and Save, the unsaved-run question)</extracomment>
        <translation>maml-gui 訓練紀錄 (*.npz);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>The run diverged</source>
        <extracomment>asks whether the current run may be dropped for ``what`` (&quot;switch to Toy 2-D&quot;), then does ``action`` or not; the window&apos;s asks the user, the default does it at once (title, text) for the user: a failure, a divergence, a file that was refused a run started on an Omniglot data set (&quot;&quot; the bundled subset): remember it a run file was written or opened (its path): recent runs, the status bar an open or save was answered and acted on (after saved / opened / message) the run&apos;s file or its unsaved mark changed (the window&apos;s title shows both) the full Omniglot data set the user pointed at (Task &gt; Omniglot data…), a folder or zip; &quot;&quot; is the bundled subset. Every new Omniglot run learns from it. the file the run was opened from or last saved to, and the step it holds</extracomment>
        <translation>訓練發散了</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>錯誤</translation>
    </message>
    <message>
        <source>start a new run</source>
        <translation>開始新的訓練</translation>
    </message>
    <message>
        <source>switch to {task} with {algorithm}</source>
        <translation>換成 {task}、{algorithm}</translation>
    </message>
    <message>
        <source>the bundled subset</source>
        <translation>內附的子集</translation>
    </message>
    <message>
        <source>start an Omniglot run on {data}</source>
        <translation>用 {data} 開始 Omniglot 訓練</translation>
    </message>
    <message>
        <source>start a run at HW15&apos;s settings</source>
        <translation>用 HW15 的設定開始訓練</translation>
    </message>
    <message>
        <source>open {file}</source>
        <translation>開啟 {file}</translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation>無法開啟訓練紀錄</translation>
    </message>
    <message>
        <source>Cannot save the run</source>
        <translation>無法儲存訓練紀錄</translation>
    </message>
    <message>
        <source>{file} was not opened.

{reason}

The current run is unchanged.</source>
        <translation>沒有開啟 {file}。

{reason}

目前的訓練沒有改變。</translation>
    </message>
</context>
<context>
    <name>RunMenu</name>
    <message>
        <source>&amp;Run</source>
        <translation>訓練(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>開始(&amp;S)</translation>
    </message>
    <message>
        <source>Train from where the run is</source>
        <translation>從目前的狀態接著訓練</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暫停(&amp;P)</translation>
    </message>
    <message>
        <source>Pause or resume</source>
        <translation>暫停或繼續</translation>
    </message>
    <message>
        <source>Single s&amp;tep</source>
        <translation>單步(&amp;T)</translation>
    </message>
    <message>
        <source>One meta-step</source>
        <translation>做一步 meta-training</translation>
    </message>
    <message>
        <source>St&amp;op</source>
        <translation>停止(&amp;O)</translation>
    </message>
    <message>
        <source>Stop training, keep the run</source>
        <translation>停止訓練，保留目前的結果</translation>
    </message>
    <message>
        <source>&amp;Reset</source>
        <translation>重設(&amp;R)</translation>
    </message>
    <message>
        <source>A new run</source>
        <translation>重新開始一次訓練</translation>
    </message>
    <message>
        <source>Training &amp;speed</source>
        <translation>訓練速度(&amp;S)</translation>
    </message>
    <message>
        <source>As fast as this machine trains</source>
        <translation>這台電腦能跑多快就多快</translation>
    </message>
    <message>
        <source>Slow enough to watch</source>
        <translation>放慢到看得清楚</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>繼續(&amp;R)</translation>
    </message>
    <message>
        <source>Full speed</source>
        <translation>全速</translation>
    </message>
    <message>
        <source>{pace} iterations per second</source>
        <translation>每秒 {pace} 次迭代</translation>
    </message>
</context>
<context>
    <name>RunStatus</name>
    <message>
        <source>{duration} left</source>
        <extracomment>seconds of snapshots the speed is averaged over at most one status-bar update per this many ms: every label change repaints the status bar, time the views&apos; redraws need (superqt&apos;s throttler, trailing: the last state shows)</extracomment>
        <translation>還剩 {duration}</translation>
    </message>
    <message>
        <source>{algorithm} loss {loss}</source>
        <translation>{algorithm} loss {loss}</translation>
    </message>
    <message>
        <source> · pretraining loss {loss}</source>
        <translation> · pre-training loss {loss}</translation>
    </message>
    <message>
        <source>ready</source>
        <extracomment>the run&apos;s states as the status bar names them</extracomment>
        <translation>就緒</translation>
    </message>
    <message>
        <source>running</source>
        <translation>訓練中</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>iteration {step} / {budget}</source>
        <translation>迭代 {step} / {budget}</translation>
    </message>
    <message>
        <source>{hours}h {minutes}m</source>
        <translation>{hours} 小時 {minutes} 分</translation>
    </message>
    <message>
        <source>{minutes}m {seconds}s</source>
        <translation>{minutes} 分 {seconds} 秒</translation>
    </message>
    <message>
        <source>{seconds}s</source>
        <translation>{seconds} 秒</translation>
    </message>
</context>
<context>
    <name>RunToolBar</name>
    <message>
        <source>Run</source>
        <translation>訓練</translation>
    </message>
    <message>
        <source> speed </source>
        <translation> 速度 </translation>
    </message>
    <message>
        <source>At most this many meta-iterations per second</source>
        <translation>每秒最多做這麼多次 meta-iteration</translation>
    </message>
</context>
<context>
    <name>SettingsDock</name>
    <message>
        <source>Inner learning rate α</source>
        <translation>Inner loop 學習率 α</translation>
    </message>
    <message>
        <source>step size of the inner loop φ → θ_n</source>
        <translation>inner loop 從 φ 走到 θ_n 的步長</translation>
    </message>
    <message>
        <source>Test inner learning rate</source>
        <translation>測試時的 inner 學習率</translation>
    </message>
    <message>
        <source>step size when adapting at test time</source>
        <translation>測試時 fine-tune 的步長</translation>
    </message>
    <message>
        <source>Meta learning rate</source>
        <translation>Meta 學習率</translation>
    </message>
    <message>
        <source>Adam step size of the outer update of φ</source>
        <translation>更新 φ 的 outer loop（Adam）步長</translation>
    </message>
    <message>
        <source>Reptile ε</source>
        <translation>Reptile ε</translation>
    </message>
    <message>
        <source>Reptile moves φ by ε (θ − φ)</source>
        <extracomment>the longest value a field is sized for (a rate of 1e-5 or a budget of 1,000,000 fit) a line edit&apos;s frame and text margins, in pixels</extracomment>
        <translation>Reptile 把 φ 移動 ε (θ − φ)</translation>
    </message>
    <message>
        <source>Inner steps (training)</source>
        <translation>Inner 步數（訓練）</translation>
    </message>
    <message>
        <source>the notes: 1 (only the potential)</source>
        <translation>筆記：1 次（只是要看潛力而已）</translation>
    </message>
    <message>
        <source>Inner steps (test)</source>
        <translation>Inner 步數（測試）</translation>
    </message>
    <message>
        <source>K_test: more steps at test time help</source>
        <translation>K_test：測試時可以 update 多次，得到較好的結果</translation>
    </message>
    <message>
        <source>Meta-batch (tasks)</source>
        <translation>Meta-batch（task 數）</translation>
    </message>
    <message>
        <source>tasks per meta-step</source>
        <translation>每一步 meta-training 用幾個 task</translation>
    </message>
    <message>
        <source>Classes per task (N-way)</source>
        <translation>每個 task 的類別數（N-way）</translation>
    </message>
    <message>
        <source>classification: classes in each task</source>
        <translation>分類：每個 task 有幾個類別</translation>
    </message>
    <message>
        <source>K shots</source>
        <translation>K shots</translation>
    </message>
    <message>
        <source>support examples per task (per class when classifying)</source>
        <translation>每個 task 的 support set 大小（分類時是每個類別）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>亂數種子</translation>
    </message>
    <message>
        <source>same seed, same curves</source>
        <translation>同樣的種子，同樣的曲線</translation>
    </message>
    <message>
        <source>Iteration budget</source>
        <translation>迭代次數上限</translation>
    </message>
    <message>
        <source>meta-iterations before the run finishes</source>
        <translation>訓練結束前要做幾次 meta-iteration</translation>
    </message>
    <message>
        <source>The toy families use their whole (finite) task set at every step.</source>
        <translation>玩具任務每一步都用全部（有限的）task。</translation>
    </message>
    <message>
        <source>Used by classification (Omniglot) only.</source>
        <translation>只有分類（Omniglot）會用到。</translation>
    </message>
    <message>
        <source>batch statistics</source>
        <extracomment>the BatchNorm mode of a classifier&apos;s Conv4: shown, with why (Help has the longer story)</extracomment>
        <translation>batch 統計量</translation>
    </message>
    <message>
        <source>Conv4&apos;s BatchNorm normalises with the statistics of the images it is given (each task&apos;s support set in the inner loop, its query set when scored), in training and at test: MAML&apos;s convention (Finn et al.&apos;s code, HW15). Running averages over many tasks would describe no task in particular, and MAML&apos;s gradient does not see them. Help has more.</source>
        <translation>Conv4 的 BatchNorm 用拿到的那批圖片的統計量做正規化（inner loop 裡是每個 task 的 support set，算分數時是它的 query set），訓練和測試都一樣：這是 MAML 的慣例（Finn 等人的程式碼、HW15）。跨很多 task 的 running average 不代表任何一個 task，MAML 的 gradient 也看不到它們。說明裡有更多。</translation>
    </message>
    <message>
        <source>Used by Reptile only.</source>
        <translation>只有 Reptile 會用到。</translation>
    </message>
    <message>
        <source>Settings</source>
        <extracomment>the configuration the user wants (live fields apply now, the rest on reset) the user asked to reset so pending fields take effect</extracomment>
        <translation>設定</translation>
    </message>
    <message>
        <source>Reset to apply</source>
        <translation>重設以套用</translation>
    </message>
    <message>
        <source>Start a new run with these settings</source>
        <translation>用這些設定重新開始一次訓練</translation>
    </message>
    <message>
        <source>Refused {typed}: {field} must be {allowed}; kept {kept}.</source>
        <translation>不接受 {typed}：{field} 必須是{allowed}；保留 {kept}。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{fields}: applies on reset (changes tasks or weights).</source>
        <translation>{fields}：重設後才套用（會改變 task 或權重）。</translation>
    </message>
    <message>
        <source>an integer from {low} to {high}</source>
        <translation> {low} 到 {high} 的整數</translation>
    </message>
    <message>
        <source>a number from {low} to {high}</source>
        <translation> {low} 到 {high} 的數字</translation>
    </message>
</context>
<context>
    <name>TaskMenu</name>
    <message>
        <source>Omniglot classification learns from a subset of Omniglot bundled with the app (8 background alphabets). If you have the full data set, point the app at it: the folder holding images_background and images_evaluation (as folders or as the original zips), or one of those zips. A folder without that layout is refused with what is missing; unreadable images are skipped and counted.</source>
        <extracomment>where the chosen Omniglot data set is remembered between sessions</extracomment>
        <translation>Omniglot 分類預設用 app 內附的 Omniglot 子集（8 個 background 字母系統）。如果你有完整的資料集，就把 app 指向它：放著 images_background 和 images_evaluation 的資料夾（資料夾或原始的 zip 檔都可以），或其中一個 zip 檔。不是這個結構的資料夾會被拒絕，並說明缺了什麼；讀不了的圖片會被略過並計數。</translation>
    </message>
    <message>
        <source>&amp;Task</source>
        <translation>任務(&amp;T)</translation>
    </message>
    <message>
        <source>Omniglot at &amp;HW15&apos;s settings</source>
        <translation>Omniglot：HW15 的設定(&amp;H)</translation>
    </message>
    <message>
        <source>5-way 1-shot, Conv4, inner rate 0.4, 1 inner step in training and 10 at test, Adam 1e-3, meta-batch 32, rotations as new classes</source>
        <translation>5-way 1-shot、Conv4、inner loop 學習率 0.4、訓練時 update 1 次、測試時 10 次、Adam 1e-3、meta-batch 32、旋轉後當作新的類別</translation>
    </message>
    <message>
        <source>Omniglot &amp;data folder…</source>
        <translation>Omniglot 資料夾(&amp;D)…</translation>
    </message>
    <message>
        <source>Omniglot data &amp;zip…</source>
        <translation>Omniglot 資料 zip 檔(&amp;Z)…</translation>
    </message>
    <message>
        <source>Omniglot: the &amp;bundled subset</source>
        <translation>Omniglot：內附的子集(&amp;B)</translation>
    </message>
    <message>
        <source>Omniglot data: the folder of the full data set</source>
        <translation>Omniglot 資料：完整資料集的資料夾</translation>
    </message>
    <message>
        <source>Omniglot data: a zip</source>
        <translation>Omniglot 資料：zip 檔</translation>
    </message>
    <message>
        <source>Omniglot zip (*.zip)</source>
        <translation>Omniglot zip 檔 (*.zip)</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>live</source>
        <extracomment>Play&apos;s speeds: recorded points a second</extracomment>
        <translation>即時</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>時間軸</translation>
    </message>
    <message>
        <source>&amp;Timeline</source>
        <extracomment>answers from before a run reset or a return to live are dropped by this count</extracomment>
        <translation>時間軸(&amp;T)</translation>
    </message>
    <message>
        <source>Show the timeline: look back at any recorded step of the run</source>
        <translation>顯示時間軸：回頭看這次訓練任何一個記錄下來的步驟</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>Walk through the run&apos;s recorded steps (Ctrl+Shift+L)</source>
        <translation>依序走過訓練記錄下來的步驟（Ctrl+Shift+L）</translation>
    </message>
    <message>
        <source>Play&apos;s speed: recorded steps a second</source>
        <translation>播放速度：每秒幾個記錄下來的步驟</translation>
    </message>
    <message>
        <source>{speed} /s</source>
        <translation>{speed} /秒</translation>
    </message>
    <message>
        <source>The run at any recorded step: every view shows it as it was then. Arrows: the previous or next recorded step; End: live.</source>
        <translation>訓練在任何一個記錄下來的步驟：每個視圖都顯示當時的樣子。方向鍵：上一個或下一個記錄的步驟；End：回到即時。</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>即時</translation>
    </message>
    <message>
        <source>Back to the live run</source>
        <translation>回到即時的訓練</translation>
    </message>
    <message>
        <source>step {step}…</source>
        <translation>第 {step} 步…</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>could not show step {step}</source>
        <translation>無法顯示第 {step} 步</translation>
    </message>
    <message>
        <source>Step {step} was not recorded: the last recorded step before it is shown.</source>
        <translation>第 {step} 步沒有記錄：顯示的是它之前最後一個記錄下來的步驟。</translation>
    </message>
    <message>
        <source>step {step} (of {live})</source>
        <translation>第 {step} 步（共 {live} 步）</translation>
    </message>
</context>
<context>
    <name>ViewMenu</name>
    <message>
        <source>Screen theme</source>
        <translation>螢幕主題</translation>
    </message>
    <message>
        <source>Slide theme (large text)</source>
        <translation>投影片主題（大字）</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
</context>
</TS>
