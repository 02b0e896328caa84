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
    <name>App</name>
    <message>
        <source>Language</source>
        <translation>語言</translation>
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
    <name>Engine</name>
    <message>
        <source>the meta-gradient or the loss became NaN or inf</source>
        <translation>meta-gradient 或 loss 變成了 NaN 或 inf</translation>
    </message>
    <message>
        <source>cannot write {file}: {reason}</source>
        <translation>無法寫入 {file}：{reason}</translation>
    </message>
    <message>
        <source>{file}: no such run file</source>
        <translation>{file}：沒有這個訓練紀錄檔</translation>
    </message>
    <message>
        <source>{file}: not a readable maml-gui run (truncated or corrupted: not an .npz archive)</source>
        <translation>{file}：不是可讀取的 maml-gui 訓練紀錄（被截斷或損毀：不是 .npz 壓縮檔）</translation>
    </message>
    <message>
        <source>{file}: refused, member {member} is not a plain array</source>
        <translation>{file}：拒絕讀取，成員 {member} 不是單純的陣列</translation>
    </message>
    <message>
        <source>{file}: not a maml-gui run (no header)</source>
        <translation>{file}：不是 maml-gui 訓練紀錄（沒有標頭）</translation>
    </message>
    <message>
        <source>{file}: not a maml-gui run</source>
        <translation>{file}：不是 maml-gui 訓練紀錄</translation>
    </message>
    <message>
        <source>{file}: written by a newer maml-gui (format {version}; this version reads format {readable}); please upgrade</source>
        <translation>{file}：由較新的 maml-gui 寫入（格式 {version}；這個版本讀取格式 {readable}）；請升級</translation>
    </message>
    <message>
        <source>{file}: invalid step count {step}</source>
        <translation>{file}：步數 {step} 無效</translation>
    </message>
    <message>
        <source>{file}: the run learnt from other data than the bundled Omniglot subset holds now (its checksum differs); point --data at the data it used</source>
        <translation>{file}：這次訓練學習的資料和內附的 Omniglot 子集現在的內容不同（checksum 不一樣）；請用 --data 指向它用過的資料</translation>
    </message>
    <message>
        <source>{file}: not a readable maml-gui run (corrupted: {reason})</source>
        <translation>{file}：不是可讀取的 maml-gui 訓練紀錄（損毀：{reason}）</translation>
    </message>
    <message>
        <source>{file}: not a readable maml-gui run (truncated or corrupted: {reason})</source>
        <translation>{file}：不是可讀取的 maml-gui 訓練紀錄（被截斷或損毀：{reason}）</translation>
    </message>
    <message>
        <source>{file}: the header is corrupted ({reason})</source>
        <translation>{file}：標頭損毀（{reason}）</translation>
    </message>
    <message>
        <source>{file}: invalid configuration: {reason}</source>
        <translation>{file}：設定無效：{reason}</translation>
    </message>
    <message>
        <source>{file}: the run learnt from other data than {data} holds now (its checksum differs); point --data at the data it used</source>
        <translation>{file}：這次訓練學習的資料和 {data} 現在的內容不同（checksum 不一樣）；請用 --data 指向它用過的資料</translation>
    </message>
    <message>
        <source>{file}: the saved tensors do not match the run&apos;s configuration ({reason})</source>
        <translation>{file}：儲存的張量和這次訓練的設定不符（{reason}）</translation>
    </message>
    <message>
        <source>{file}: refused, it contains pickled objects</source>
        <translation>{file}：拒絕讀取，它包含 pickle 物件</translation>
    </message>
    <message>
        <source>the bundled Omniglot subset is missing from the installation</source>
        <translation>安裝中缺少內附的 Omniglot 子集</translation>
    </message>
    <message>
        <source>none of the {count} drawings in {path} could be read</source>
        <translation>{path} 裡的 {count} 張圖都讀不到</translation>
    </message>
    <message>
        <source>decoded Omniglot arrays do not match</source>
        <translation>解碼後的 Omniglot 陣列彼此不符</translation>
    </message>
    <message>
        <source>decoded Omniglot character indices out of range</source>
        <translation>解碼後的 Omniglot 字元索引超出範圍</translation>
    </message>
    <message>
        <source>decoded Omniglot alphabets do not match</source>
        <translation>解碼後的 Omniglot 字母系統不符</translation>
    </message>
    <message>
        <source>{path} is not Lake et al.&apos;s all_runs.zip: {reason}</source>
        <translation>{path} 不是 Lake 等人的 all_runs.zip：{reason}</translation>
    </message>
    <message>
        <source>{path} does not exist</source>
        <translation>{path} 不存在</translation>
    </message>
    <message>
        <source>{path} is neither a folder nor a zip named images_background* or images_evaluation*</source>
        <translation>{path} 既不是資料夾，也不是名為 images_background* 或 images_evaluation* 的 zip 檔</translation>
    </message>
    <message>
        <source>{path} has no images_background folder or zip (Omniglot&apos;s layout is images_background/&lt;alphabet&gt;/&lt;character&gt;/&lt;drawing&gt;.png, and the same under images_evaluation)</source>
        <translation>{path} 沒有 images_background 資料夾或 zip 檔（Omniglot 的結構是 images_background/&lt;alphabet&gt;/&lt;character&gt;/&lt;drawing&gt;.png，images_evaluation 底下也一樣）</translation>
    </message>
    <message>
        <source>{path} holds no &lt;alphabet&gt;/&lt;character&gt;/&lt;drawing&gt;.png images (Omniglot&apos;s layout is images_background/&lt;alphabet&gt;/&lt;character&gt;/&lt;drawing&gt;.png)</source>
        <translation>{path} 裡沒有 &lt;alphabet&gt;/&lt;character&gt;/&lt;drawing&gt;.png 的圖片（Omniglot 的結構是 images_background/&lt;alphabet&gt;/&lt;character&gt;/&lt;drawing&gt;.png）</translation>
    </message>
    <message>
        <source>{path} cannot be read as a zip: {reason}</source>
        <translation>{path} 無法當作 zip 檔讀取：{reason}</translation>
    </message>
    <message>
        <source>step {step}: a loss of {loss} is over {factor} times the loss at the start ({first}); the run is exploding and is paused. Try a smaller inner learning rate (now {inner_lr}) or meta learning rate (now {meta_lr}); Start continues as it is.</source>
        <translation>第 {step} 步：loss {loss} 超過一開始的 loss（{first}）的 {factor} 倍；訓練正在爆炸，已暫停。試試較小的 inner 學習率（現在是 {inner_lr}）或 meta 學習率（現在是 {meta_lr}）；按「開始」會照原樣繼續。</translation>
    </message>
    <message>
        <source>step {step}: the algorithm diverged ({reason}); the last finite state is kept. Try a smaller inner learning rate (now {inner_lr}) or meta learning rate (now {meta_lr}).</source>
        <translation>第 {step} 步：演算法發散了（{reason}）；保留最後一個有限的狀態。試試較小的 inner 學習率（現在是 {inner_lr}）或 meta 學習率（現在是 {meta_lr}）。</translation>
    </message>
    <message>
        <source>step {step}: the pretraining twin diverged ({reason}); the last finite state is kept. Try a smaller inner learning rate (now {inner_lr}) or meta learning rate (now {meta_lr}).</source>
        <translation>第 {step} 步：pre-training 對照組發散了（{reason}）；保留最後一個有限的狀態。試試較小的 inner 學習率（現在是 {inner_lr}）或 meta 學習率（現在是 {meta_lr}）。</translation>
    </message>
    <message>
        <source>step {step}: measuring the algorithm after adaptation gave NaN or inf; the run is paused. Try a smaller inner learning rate (now {inner_lr}).</source>
        <translation>第 {step} 步：量測演算法適應後的結果得到 NaN 或 inf；訓練已暫停。試試較小的 inner 學習率（現在是 {inner_lr}）。</translation>
    </message>
    <message>
        <source>step {step}: measuring the pretraining twin after adaptation gave NaN or inf; the run is paused. Try a smaller inner learning rate (now {inner_lr}).</source>
        <translation>第 {step} 步：量測 pre-training 對照組適應後的結果得到 NaN 或 inf；訓練已暫停。試試較小的 inner 學習率（現在是 {inner_lr}）。</translation>
    </message>
</context>
<context>
    <name>Explore</name>
    <message>
        <source>Explore {phi}</source>
        <extracomment>(key, name, pen style) of each meta-gradient arrow; colours in theme.META_GRADIENT_COLORS. The dashes tell them apart also in print and for colour-blind eyes. while the marker is dragged, ask for new arrows at most this often (ms); release asks at once the longest arrow spans this share of the view (the shorter side of a 2-D view) 1-D: the arrows run level, one under the other, this share of the view&apos;s height apart an arrow key moves the marker this share of the view (with Shift: five times as far) iMAML&apos;s lambda: the box&apos;s range (core.explore.LAMBDA_RANGE, which this process may not import: it imports torch; tests/gui/test_explore.py checks they agree) and its default where the user put the marker (None until it is first shown), and the answer for it</extracomment>
        <translation>探索 {phi}</translation>
    </message>
    <message>
        <source>A {phi} of your own to drag: the tasks&apos; {theta} after m steps follow it, and the meta-gradients of MAML, FOMAML, Reptile and iMAML are drawn from it (Ctrl+E)</source>
        <translation>一個可以拖曳的、你自己的 {phi}：各 task 在 m 步之後的 {theta} 會跟著它，並從它畫出 MAML、FOMAML、Reptile 和 iMAML 的 meta-gradient（Ctrl+E）</translation>
    </message>
    <message>
        <source>Show the explore marker {phi}</source>
        <translation>顯示探索標記 {phi}</translation>
    </message>
    <message>
        <source>Move it to the algorithm&apos;s {phi}</source>
        <translation>移到演算法的 {phi}</translation>
    </message>
    <message>
        <source>MAML meta-gradient (second order, through the m steps)</source>
        <translation>MAML meta-gradient（二階，穿過 m 步）</translation>
    </message>
    <message>
        <source>FOMAML: the gradient at the adapted parameters</source>
        <translation>FOMAML：在適應後參數上的 gradient</translation>
    </message>
    <message>
        <source>Reptile: its step toward the tasks&apos; mean, per step and rate</source>
        <translation>Reptile：朝 task 平均移動的步伐（除以步數和學習率）</translation>
    </message>
    <message>
        <source>iMAML: the implicit gradient (lambda below)</source>
        <translation>iMAML：implicit gradient（λ 在下面）</translation>
    </message>
    <message>
        <source>iMAML&apos;s regularisation: each task&apos;s θ_n* minimises its loss plus λ/2 |θ − φ|². Large λ keeps θ_n* near φ (iMAML tends to the pretraining gradient); small λ lets each task go to its own minimum</source>
        <translation>iMAML 的正則化：每個 task 的 θ_n* 最小化它的 loss 加上 λ/2 |θ − φ|²。λ 大時 θ_n* 留在 φ 附近（iMAML 趨近 pre-training 的 gradient）；λ 小時每個 task 可以走到自己的最小值</translation>
    </message>
    <message>
        <source>iMAML λ</source>
        <translation>iMAML λ</translation>
    </message>
    <message>
        <source>explore {phi} → {theta}</source>
        <translation>探索 {phi} → {theta}</translation>
    </message>
    <message>
        <source>undefined (a zero gradient)</source>
        <translation>沒有定義（gradient 為零）</translation>
    </message>
    <message>
        <source>needs m ≥ 1</source>
        <translation>需要 m ≥ 1</translation>
    </message>
    <message>
        <source>m = {m}: MAML objective {value}</source>
        <translation>m = {m}：MAML 目標 {value}</translation>
    </message>
    <message>
        <source>angle MAML–FOMAML {angle}</source>
        <translation>MAML–FOMAML 夾角 {angle}</translation>
    </message>
    <message>
        <source>curvature term |MAML − FOMAML| {value}</source>
        <translation>曲率項 |MAML − FOMAML| {value}</translation>
    </message>
    <message>
        <source>at {phi} = ({where})</source>
        <translation>在 {phi} = ({where})</translation>
    </message>
    <message>
        <source>pretraining objective {value}</source>
        <translation>pre-training 目標 {value}</translation>
    </message>
    <message>
        <source> · </source>
        <translation> · </translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>An animation needs at least one frame.</source>
        <extracomment>colours a GIF keeps exactly: the two learners, the objective, the tasks, text and paper pixels sampled (over all frames) to choose the palette&apos;s other colours</extracomment>
        <translation>動畫至少需要一個影格。</translation>
    </message>
    <message>
        <source>Frames per second must be positive; got {fps}.</source>
        <translation>每秒影格數必須是正數；拿到的是 {fps}。</translation>
    </message>
    <message>
        <source>Cannot encode {file}: {error}</source>
        <translation>無法編碼 {file}：{error}</translation>
    </message>
    <message>
        <source>Animation export cancelled.</source>
        <translation>已取消匯出動畫。</translation>
    </message>
    <message>
        <source>This run has no recorded history to animate.</source>
        <extracomment>frames drawn ahead of the encoder at most (MP4 streams; a GIF takes them all first)</extracomment>
        <translation>這次訓練沒有記錄下來的過程可以做成動畫。</translation>
    </message>
    <message>
        <source>Computing the frames failed: {error}</source>
        <translation>計算影格失敗：{error}</translation>
    </message>
    <message>
        <source>The encoder stopped.</source>
        <extracomment>(frames drawn, total frames, what is happening), for a progress bar the written Path, or an ExportError the figure&apos;s language: installed only while the twin is built or draws a frame (each a step of its own, with nothing else of the window running meanwhile)</extracomment>
        <translation>編碼器停止了。</translation>
    </message>
    <message>
        <source>Drawing the animation failed: {error}</source>
        <translation>繪製動畫失敗：{error}</translation>
    </message>
    <message>
        <source>Cannot export an image of {width} x {height} pixels.</source>
        <translation>無法匯出 {width} x {height} 像素的圖片。</translation>
    </message>
    <message>
        <source>Qt could not encode the image as PNG.</source>
        <translation>Qt 無法把圖片編碼成 PNG。</translation>
    </message>
    <message>
        <source>SVG export failed ({error}); this needs PySide6 &lt; 6.11.</source>
        <translation>SVG 匯出失敗（{error}）；這需要 PySide6 &lt; 6.11。</translation>
    </message>
    <message>
        <source>Qt could not start a PDF document.</source>
        <translation>Qt 無法建立 PDF 文件。</translation>
    </message>
    <message>
        <source>This view has no curve data to export as CSV.</source>
        <translation>這個視圖沒有可以匯出成 CSV 的曲線資料。</translation>
    </message>
    <message>
        <source>This window cannot export in another language.</source>
        <extracomment>the figure&apos;s language (&quot;en&quot;, &quot;zh_TW&quot;); &quot;&quot; the window&apos;s</extracomment>
        <translation>這個視窗不能用其他語言匯出。</translation>
    </message>
    <message>
        <source>Only the live run can be exported in another language: go back to live (the timeline&apos;s Live) first.</source>
        <translation>只有即時的訓練可以用其他語言匯出：請先回到即時（時間軸的「即時」）。</translation>
    </message>
    <message>
        <source>Unknown {what} {value}; use one of {choices}.</source>
        <extracomment>the messages formats.py raises (without Qt: the CLI imports it), for pyside6-lupdate; tests/gui/test_i18n.py checks the list against that module</extracomment>
        <translation>不明的{what} {value}；請用 {choices} 其中之一。</translation>
    </message>
    <message>
        <source>Cannot write {file}: the folder {folder} does not exist.</source>
        <translation>無法寫入 {file}：資料夾 {folder} 不存在。</translation>
    </message>
    <message>
        <source>Cannot write {file}: {reason}.</source>
        <translation>無法寫入 {file}：{reason}。</translation>
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
        <source>The language of the figure&apos;s titles, axes and legends</source>
        <translation>圖的標題、座標軸和圖例的語言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>語言</translation>
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
        <extracomment>the live run&apos;s data for a view, to draw it in another language (export.translated)</extracomment>
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
    <name>FeatureReuse</name>
    <message>
        <source>n/a: undefined, the layer&apos;s output is the same for every image (a zero head).</source>
        <extracomment>held-out tasks averaged over: the engine&apos;s default and its bounds (it adapts them at once) the share of a layer&apos;s slot its bars fill, and of a bar&apos;s share the bar itself the outline of a bar, in units of the theme&apos;s line width the y axis: CKA lies in [0, 1]; a little room above 1 keeps full bars off the frame</extracomment>
        <translation>n/a：沒有定義，這一層對每張圖的輸出都一樣（零 head）。</translation>
    </message>
    <message>
        <source>n/a: undefined (a zero head gives every image the same output).</source>
        <translation>n/a：沒有定義（零 head 讓每張圖的輸出都一樣）。</translation>
    </message>
    <message>
        <source>held-out tasks</source>
        <translation>測試 task 數</translation>
    </message>
    <message>
        <source>tasks the CKA is averaged over (more: slower)</source>
        <translation>CKA 平均用的 task 數（越多越慢）</translation>
    </message>
    <message>
        <source>Linear CKA per layer (waiting for held-out tasks)</source>
        <extracomment>whether the view is small: short texts, fewer ticks (fit_to_view decides)</extracomment>
        <translation>每一層的 linear CKA（等待測試 task）</translation>
    </message>
    <message>
        <source>layer, from the input to the output</source>
        <translation>層，從輸入到輸出</translation>
    </message>
    <message>
        <source>CKA (1 = unchanged)</source>
        <translation>CKA (1 = 沒有改變)</translation>
    </message>
    <message>
        <source>layer (input to output)</source>
        <extracomment>adapting 20 held-out tasks costs ~2 s on Conv4: only while the view is seen (ViewHost)</extracomment>
        <translation>層（輸入到輸出）</translation>
    </message>
    <message>
        <source>CKA (1 = same)</source>
        <translation>CKA</translation>
    </message>
    <message>
        <source>{learner}: head adapts</source>
        <translation>{learner}：head 適應</translation>
    </message>
    <message>
        <source>{learner}: all layers adapt</source>
        <translation>{learner}：所有層都適應</translation>
    </message>
    <message>
        <source>{learner}&apos;s {phi}, head only (ANIL)</source>
        <translation>{learner} 的 {phi}，只有 head（ANIL）</translation>
    </message>
    <message>
        <source>{learner}, head only</source>
        <translation>{learner}，只有 head</translation>
    </message>
    <message>
        <source>CKA, {phi} vs {theta} ({steps} steps, {tasks} tasks)</source>
        <translation>CKA，{phi} 對 {theta}（{steps} 步，{tasks} 個 task）</translation>
    </message>
    <message>
        <source>CKA of {phi} vs {theta} after {steps} steps, mean of {tasks} tasks</source>
        <translation>{phi} 對 {steps} 步之後的 {theta} 的 CKA，{tasks} 個 task 的平均</translation>
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
    <name>FunctionSpace</name>
    <message>
        <source>Function space applies to sinusoid regression only.

A toy task has no inputs and outputs to plot: its &apos;model&apos; is the parameter w itself, and adapting means moving w downhill on that task&apos;s loss. The task loss landscape and the phi-versus-theta_n views show exactly that.</source>
        <extracomment>k = 0 dotted (phi itself), k = 1 dashed, k = K_test solid: more steps, more ink the sinusoid family&apos;s ranges (core.tasks.sinusoid, which this process may not import: it imports torch; tests/gui/test_own_task.py checks they agree) where a point may be put: the inputs the family draws, and outputs a little past its largest amplitude the k box&apos;s range (the issue&apos;s slider: 0..20) the most support points the engine fits (core.function_space.MAX_SUPPORT_POINTS, which this process may not import either) while a point is dragged, ask for new fits at most this often (ms); release asks at once the slider&apos;s steps for amplitude and phase the widest the note for the other families is set (pixels); in a narrower view it wraps to the view (at 1280 x 720 its dock is ~390 px: a 460 px note lost both its edges)</extracomment>
        <translation>函數空間只適用於正弦波迴歸。

玩具任務沒有輸入和輸出可以畫：它的「模型」就是參數 w 本身，適應就是讓 w 沿著那個 task 的 loss 往下走。Task loss 地形和 phi 與 theta_n 的視圖顯示的正是這個。</translation>
    </message>
    <message>
        <source>held-out task</source>
        <extracomment>the fits&apos; steps when a script sets them (headless export&apos;s --steps)</extracomment>
        <translation>測試 task</translation>
    </message>
    <message>
        <source>which held-out sine to fit</source>
        <translation>要擬合哪一條測試正弦波</translation>
    </message>
    <message>
        <source>the solid fit&apos;s number of fine-tuning steps (dotted: k = 0, dashed: k = 1)</source>
        <translation>實線擬合的 fine-tune 步數（點線：k = 0，虛線：k = 1）</translation>
    </message>
    <message>
        <source>Your task</source>
        <extracomment>the user&apos;s own task: None, or its support points [[x, y], ...] and curve (A, p)</extracomment>
        <translation>你的 task</translation>
    </message>
    <message>
        <source>Your own task: click the plot to add a support point, drag one to move it, right-click one to remove it</source>
        <translation>你自己的 task：在圖上點一下加入 support 點，拖曳可以移動，按右鍵刪除</translation>
    </message>
    <message>
        <source>Random K points on the curve</source>
        <translation>在曲線上隨機放 K 個點</translation>
    </message>
    <message>
        <source>Clear: back to the held-out task</source>
        <translation>清除：回到測試 task</translation>
    </message>
    <message>
        <source>amplitude A</source>
        <translation>振幅 A</translation>
    </message>
    <message>
        <source>phase p</source>
        <translation>相位 p</translation>
    </message>
    <message>
        <source>The curve y = A sin(x - p); the support points move onto it</source>
        <translation>曲線 y = A sin(x - p)；support 點會移到曲線上</translation>
    </message>
    <message>
        <source>Function space: one held-out sine</source>
        <translation>函數空間：一條測試正弦波</translation>
    </message>
    <message>
        <source>input x</source>
        <translation>輸入 x</translation>
    </message>
    <message>
        <source>Function space (sinusoid only)</source>
        <translation>函數空間（只限正弦波）</translation>
    </message>
    <message>
        <source>true function</source>
        <translation>真正的函數</translation>
    </message>
    <message>
        <source>support points</source>
        <translation>support 點</translation>
    </message>
    <message>
        <source>Your task has {count} points, the most it may have.</source>
        <translation>你的 task 已經有 {count} 個點，這是上限。</translation>
    </message>
    <message>
        <source>Your task: {curve}</source>
        <translation>你的 task：{curve}</translation>
    </message>
    <message>
        <source>Held-out task {number}: {curve}</source>
        <translation>測試 task {number}：{curve}</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>How much does each layer change when a learner adapts to a new task? On held-out tasks, the view takes each layer&apos;s output for the task&apos;s images at phi (before adapting) and at theta_n (after K_test fine-tuning steps) and compares the two with linear CKA: 1 means the layer sees the images just as before, lower means adapting changed it. Raghu et al. (2020), &apos;Rapid Learning or Feature Reuse?&apos;, found that MAML&apos;s inner loop barely changes the body (blocks 1 to 4 stay near 1): almost all the change is in the head. MAML&apos;s phi holds features that every task reuses; it is not a start from which every layer learns fast. That is why ANIL, which adapts the head only, does as well as MAML. The tinted bars are the same phi adapting its head only, ANIL&apos;s way (its blocks stay at 1 by construction). Vermillion is the pretraining twin, fine-tuned from its body with a fresh zero head: &apos;n/a&apos; marks a value that is undefined because a zero head gives every image the same logits. A 1-shot task has few images, so one task&apos;s value is coarse: read the average over many tasks (the spin box, up to 100; more tasks take longer).</source>
        <translation>每一層在 learner 適應新 task 時改變了多少？在沒看過的 task 上，這個視圖取每一層對 task 圖片的輸出，分別在 phi（適應前）和 theta_n（fine-tune K_test 步之後），用 linear CKA 比較兩者：1 表示這一層看圖片的方式跟之前一樣，越低表示適應改變了它。Raghu 等人（2020，&apos;Rapid Learning or Feature Reuse?&apos;）發現 MAML 的 inner loop 幾乎不改變 body（block 1 到 4 都接近 1）：改變幾乎都在 head。MAML 的 phi 裡是每個 task 都重複使用的特徵，而不是一個讓每一層都學得很快的起點。這就是為什麼只適應 head 的 ANIL 跟 MAML 一樣好。淡色的長條是同一個 phi 只適應 head（ANIL 的做法；它的 block 依構造保持 1）。朱紅色是 pre-training 對照組，從它的 body 加上一個全新的零 head 來 fine-tune：&apos;n/a&apos; 表示數值沒有定義，因為零 head 讓每張圖的 logits 都一樣。1-shot 的 task 圖片很少，單一 task 的數值很粗略：請看很多 task 的平均（數字框，最多 100；task 越多算得越久）。</translation>
    </message>
    <message>
        <source>One held-out sine task y = A sin(x - p): the black curve is the truth and the black dots the few support points the learner may use. Dotted lines are what phi predicts before any step (k = 0), dashed after one inner step (k = 1), solid after k steps (the k box; K_test to begin with), all on the same support points. MAML&apos;s phi may predict almost nothing useful before adapting, yet after one step it fits the whole period, even where it saw no points: it learned a starting point with potential. The pretraining phi predicts roughly the average of all sines (near zero) and moves slowly. The view opens on a held-out task far from that average (further than 90% of the held-out tasks), where the two differ most plainly; the spin box picks any other.

Make it your own task: click to add a support point, drag one to move it, right-click one to remove it. &apos;Your task&apos; draws K random points on a sine whose amplitude and phase you set, and Clear goes back to the held-out task. The fits follow as you drag, from both starting points, at the test inner rate.</source>
        <translation>一個沒看過的正弦波 task y = A sin(x - p)：黑色曲線是真正的函數，黑點是 learner 能用的少數幾個 support 點。點線是 phi 在任何 update 之前的預測（k = 0），虛線是 inner loop update 一次之後（k = 1），實線是 k 次之後（k 框；一開始是 K_test），都用同樣的 support 點。MAML 的 phi 在適應前可能幾乎預測不出有用的東西，但 update 一次之後就能擬合整個週期，連沒看到點的地方也是：它學到的是一個有潛力的起點。pre-training 的 phi 預測的大約是所有正弦波的平均（接近零），而且移動得很慢。視圖一開始顯示一個離那個平均很遠的 task（比 90% 的測試 task 都遠），兩者的差異最明顯；數字框可以選其他的 task。

做你自己的 task：點一下加入一個 support 點，拖曳可以移動，按右鍵刪除。「你的 task」會在你設定振幅和相位的正弦波上隨機放 K 個點，「清除」回到原本的測試 task。拖曳時，兩個起點的擬合會跟著更新，用的是測試時的 inner 學習率。</translation>
    </message>
    <message>
        <source>Held-out tasks the learners never trained on. Each starts from its own phi and takes k fine-tuning steps on the task&apos;s support set; the curve is the query loss after k steps (band: 95% interval over the tasks). At k = 0 you see current performance: pretraining&apos;s phi is often better there. After a few steps you see potential: MAML&apos;s phi was chosen so that the adapted theta_n are good, and it usually ends lower even though it trained with one inner step. The right plot follows both numbers through meta-training. For classification (Omniglot) the view shows query accuracy, as HW15&apos;s report plots do: accuracy against the inner steps at inference (left) and over meta-iterations (right); the metric box switches to the loss MAML minimises.</source>
        <translation>learner 從沒訓練過的測試 task。每個 learner 從自己的 phi 出發，在 task 的 support set 上 fine-tune k 步；曲線是 k 步之後的 query loss（色帶：task 之間的 95% 區間）。k = 0 看到的是現在的表現：pre-training 的 phi 常常比較好。幾步之後看到的是潛力：MAML 的 phi 是為了讓適應後的 theta_n 表現好而選的，所以即使它訓練時只 update 一次，最後通常更低。右邊的圖在整個 meta-training 過程中追蹤這兩個數字。分類（Omniglot）時，這個視圖顯示 query accuracy，就像 HW15 報告的圖：accuracy 對推論時的 inner 步數（左）和對 meta-iteration（右）；指標框可以切換到 MAML 最小化的 loss。</translation>
    </message>
    <message>
        <source>Each coloured curve is one task&apos;s loss l_n as a function of the parameter. The dashed vermillion curve is the pretraining objective: the average loss of the parameter itself, on all tasks, now (current performance). The green curve is the MAML objective: the average loss after m inner steps from that parameter (potential); with m = 0 the two are the same. The big dots are phi of the chosen algorithm (blue) and of pretraining (vermillion); the arrows show where one inner step takes each phi on each task (theta_n). Pretraining&apos;s phi sits where all tasks are good now, and may get stuck in a local minimum; MAML&apos;s phi may look poor itself, but one step takes it into every task&apos;s own minimum.

Explore phi (Ctrl+E, toys only) puts a phi of your own on the picture: drag it, or move it with the arrow keys (Shift: further). Every task&apos;s theta_n after m steps follows it (black diamonds, the steps dotted), and four arrows show where each algorithm would move it: MAML&apos;s exact meta-gradient through the m steps (black), FOMAML&apos;s, which drops the curvature of those steps (purple, dashed), Reptile&apos;s step toward the tasks&apos; mean per step and rate (brown, dash-dot) and iMAML&apos;s implicit gradient for the lambda you set (indigo, dotted). The arrows are -g on one common scale, the longest a quarter of the view; the line under the controls gives the MAML objective there, the angle between MAML and FOMAML and the size of the curvature term. With m = 0 every arrow is the pretraining gradient; as m grows the objective&apos;s valleys move toward the tasks&apos; own minima.</source>
        <translation>每條彩色曲線是一個 task 的 loss l_n，是參數的函數。朱紅色虛線是 pre-training 的目標：參數本身現在在所有 task 上的平均 loss（現在的表現）。綠色曲線是 MAML 的目標：從那個參數出發，inner loop update m 次之後的平均 loss（潛力）；m = 0 時兩者相同。大圓點是所選演算法（藍色）和 pre-training（朱紅色）的 phi；箭頭表示 inner loop update 一次把每個 phi 帶到每個 task 的哪裡（theta_n）。pre-training 的 phi 停在所有 task 現在都不錯的地方，可能卡在 local minimum；MAML 的 phi 本身可能表現不怎麼好，但 update 一次就能走進每個 task 自己的最小值。

探索 phi（Ctrl+E，只限玩具任務）在圖上放一個你自己的 phi：拖曳它，或用方向鍵移動（按住 Shift 移得更遠）。每個 task 在 m 步之後的 theta_n 會跟著它（黑色菱形，步驟用點線畫），四個箭頭顯示每個演算法會把它移向哪裡：MAML 通過 m 步的精確 meta-gradient（黑色）、FOMAML 的（紫色虛線，少了那些步驟的曲率）、Reptile 朝 task 平均移動的步伐（除以步數和學習率；棕色點劃線），以及 iMAML 在你設定的 lambda 下的 implicit gradient（靛色點線）。箭頭是 -g，用同一個比例畫，最長的是視圖的四分之一；控制項下方那一行顯示那裡的 MAML 目標值、MAML 和 FOMAML 之間的夾角，以及曲率項的大小。m = 0 時每個箭頭都是 pre-training 的 gradient；m 越大，目標的谷底越往各 task 自己的最小值移動。</translation>
    </message>
    <message>
        <source>The meta-training loss on each batch&apos;s query sets. Dashed: the loss of phi itself, before any inner step (current performance, what pretraining minimises). Solid: the loss of theta_n, after the inner step(s) from phi (potential, what MAML minimises). Blue is the chosen algorithm, vermillion its pretraining twin trained on the same tasks (a pretraining run is its own twin: one learner, in vermillion). A meta-learner&apos;s solid line drops well below its dashed one; pretraining&apos;s dashed line is low, but one step does little for it.</source>
        <translation>每個 batch 的 query set 上的 meta-training loss。虛線：phi 本身、還沒有任何 inner update 的 loss（現在的表現，pre-training 最小化的東西）。實線：從 phi 做 inner update 之後的 theta_n 的 loss（潛力，MAML 最小化的東西）。藍色是所選的演算法，朱紅色是在同樣的 task 上訓練的 pre-training 對照組（pre-training 自己就是自己的對照組：只有一個 learner，畫成朱紅色）。meta-learner 的實線會降到虛線下面很多；pre-training 的虛線很低，但 update 一次對它幫助不大。</translation>
    </message>
    <message>
        <source>Lake et al.&apos;s one-shot benchmark (Science, 2015): 20 runs, each with one drawing of 20 characters to learn from and 20 new drawings of the same characters, by other people, to name. All 20 characters of a run come from one alphabet the learners never trained on, so they look alike: these 20-way tasks are harder than the randomly drawn 5-way tasks of training. Both learners are scored the same way: their starting point with a fresh zero 20-way head (MAML&apos;s own 5-way head plays no part), fine-tuned for k steps on the run&apos;s 20 drawings, then asked to name each test drawing. At k = 0 the zero head cannot tell the classes apart (95% error, chance); after a few steps the error shows how useful the learned body is. A bar is the mean over the 20 runs, the dots the runs themselves. The grey bars are the published error rates on the same 20 runs: people 4.5%, Bayesian program learning 3.3%, a plain convnet 13.5%, modified Hausdorff distance 38.8%. This app&apos;s models train briefly, on a small bundled subset of the background alphabets, so expect them well above the published networks.</source>
        <translation>Lake 等人的 one-shot 基準（Science，2015）：20 回合，每回合有 20 個字元各一張圖可以學，再用其他人畫的 20 張新圖來命名。一個回合的 20 個字元都來自 learner 從沒訓練過的同一個字母系統，所以長得很像：這些 20-way 的 task 比訓練時隨機抽的 5-way task 更難。兩個 learner 用同樣的方式評分：從它們的起點加上一個全新的零 20-way head（MAML 自己的 5-way head 沒有用到），在該回合的 20 張圖上 fine-tune k 步，然後命名每一張測試圖。k = 0 時零 head 分不出類別（95% 錯誤，等於亂猜）；幾步之後的錯誤率顯示學到的 body 有多有用。長條是 20 回合的平均，點是各個回合。灰色長條是同樣 20 回合已發表的錯誤率：人類 4.5%、Bayesian program learning 3.3%、一般的卷積網路 13.5%、modified Hausdorff distance 38.8%。這個 app 的模型訓練時間短，用的是內附的一小部分 background 字母系統，所以預期會比已發表的網路高很多。</translation>
    </message>
    <message>
        <source>Play the task yourself: a held-out 5-way 1-shot task shows one drawing of each of five characters you have most likely never seen (the support set, one example per class) and then, one at a time, new drawings of them (the query images). Click the support drawing of the same character, or press its number. The plot keeps your running score beside the models&apos; on exactly the same query images: each model&apos;s answer is the class it gives the highest probability after K_test fine-tuning steps on the same support set (the task view&apos;s right-hand column), taken when you answer, since training keeps changing the models. People need one example of a new character; the point of meta-learning is a start phi from which a network needs one too. Next task skips to the next held-out task; Start over clears the score.</source>
        <extracomment>a payload costs a few fine-tuning runs of Conv4: only while the view is seen</extracomment>
        <translation>自己來玩這個 task：一個沒看過的 5-way 1-shot task 會顯示五個你大概從沒見過的字元各一張圖（support set，每個類別一個例子），然後一次一張顯示它們的新圖（query 圖）。點選同一個字元的 support 圖，或按它的編號。圖表把你的累計分數放在模型的分數旁邊，用的是完全相同的 query 圖：每個模型的答案是在同樣的 support set 上 fine-tune K_test 步之後機率最高的類別（task 視圖的右欄），在你回答時取得，因為訓練會一直改變模型。人只需要一個新字元的例子；meta-learning 的重點就是找到一個起點 phi，讓網路也只需要一個。「下一個 task」跳到下一個測試 task；「重新開始」清除分數。</translation>
    </message>
    <message>
        <source>One held-out 5-way 1-shot task: characters neither learner trained on. Top: the support set, one drawing per class (class 1..N; the numbers mean nothing beyond this task). Each row is a query image with its true class (grey band); the bars are the probability each starting point gives every class after k fine-tuning steps on the support set (blue: the run&apos;s algorithm, vermillion: pretraining; left column k = 0 is phi itself). A black cross marks a wrong answer: the tallest bar is not the true class (a tie counts as the first class, as the accuracy does); the column heads count the right answers over all the task&apos;s query images. At k = 0 MAML&apos;s phi predicts roughly chance: the labels are a new random order in every task, so phi cannot know them; it learned a start with potential, and one step on five images gets the task. Pretraining&apos;s body comes with a fresh zero head, so it starts at exactly 1/N (the dotted line) and must learn the classes from its features in the steps it takes.</source>
        <extracomment>a payload costs a few fine-tuning runs of Conv4: only while the view is seen</extracomment>
        <translation>一個沒看過的 5-way 1-shot task：兩個 learner 都沒訓練過的字元。上方：support set，每個類別一張圖（類別 1..N；編號只在這個 task 裡有意義）。每一列是一張 query 圖和它真正的類別（灰色帶）；長條是每個起點在 support set 上 fine-tune k 步之後給每個類別的機率（藍色：這次訓練的演算法，朱紅色：pre-training；左欄 k = 0 就是 phi 本身）。黑色叉叉表示答錯：最高的長條不是真正的類別（平手算第一個類別，跟 accuracy 的算法一樣）；欄位標題統計這個 task 所有 query 圖答對的數量。k = 0 時 MAML 的 phi 的預測大約是亂猜：每個 task 的標籤都是新的隨機順序，phi 不可能知道；它學到的是一個有潛力的起點，在五張圖上 update 一次就能學會這個 task。pre-training 的 body 加上一個全新的零 head，所以從剛好 1/N 開始（點線），必須在它走的步數裡從特徵學會這些類別。</translation>
    </message>
    <message>
        <source>phi is the one initialization shared by all tasks; theta_n is where the inner step(s) take it on task n&apos;s support set. Lines: the path of phi during meta-training (blue: the chosen algorithm, vermillion: pretraining, both from the same start). Arrows: from the current phi to this batch&apos;s theta_n. Pretraining moves phi to where all tasks are good now; MAML moves phi to where one step reaches each task&apos;s own optimum, so its arrows are long and point apart. For the networks the picture is a projection onto the two directions along which phi moved most (PCA).</source>
        <translation>phi 是所有 task 共用的同一組初始化參數；theta_n 是 inner loop 在 task n 的 support set 上把它帶到的地方。線：phi 在 meta-training 中走過的路徑（藍色：所選的演算法，朱紅色：pre-training，都從同一個起點出發）。箭頭：從目前的 phi 指向這個 batch 的 theta_n。pre-training 把 phi 移到所有 task 現在都不錯的地方；MAML 把 phi 移到 update 一次就能到達每個 task 自己最佳點的地方，所以它的箭頭很長、指向不同方向。網路的圖是投影到 phi 移動最多的兩個方向上（PCA）。</translation>
    </message>
    <message>
        <source>&lt;h3&gt;What am I looking at?&lt;/h3&gt;
&lt;p&gt;MAML learns one &lt;b&gt;initialization φ&lt;/b&gt; (phi) shared by every task, with the same model for all
of them. For task &lt;i&gt;n&lt;/i&gt;, the inner loop trains from φ on the support set and gives
&lt;b&gt;θ&lt;sub&gt;n&lt;/sub&gt;&lt;/b&gt; (theta_n); θ&lt;sub&gt;n&lt;/sub&gt;&apos;s loss on the query set is l&lt;sub&gt;n&lt;/sub&gt;, and the
MAML loss is L(φ) = Σ&lt;sub&gt;n&lt;/sub&gt; l&lt;sub&gt;n&lt;/sub&gt;(θ&lt;sub&gt;n&lt;/sub&gt;(φ)). φ is updated by plain gradient
descent on L.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Pretraining&lt;/b&gt; (multi-task training) scores the &lt;i&gt;current&lt;/i&gt; parameters,
L&lt;sub&gt;pre&lt;/sub&gt;(φ) = Σ&lt;sub&gt;n&lt;/sub&gt; l&lt;sub&gt;n&lt;/sub&gt;(φ). MAML scores the parameters &lt;i&gt;after&lt;/i&gt;
adaptation: φ itself may be poor, but from φ one easy step reaches every task&apos;s minimum.
Take the job now (pretraining: current performance) or do the PhD (MAML: potential).&lt;/p&gt;
&lt;p&gt;Every run trains the chosen algorithm &lt;b&gt;and&lt;/b&gt; a pretraining twin on the same tasks from the
same initial weights, so the gap between them is measured, not assumed. The algorithm is drawn
in blue, pretraining in vermillion, in every view. With Pretraining chosen as the algorithm the
twin would be the very same learner (same start, same tasks, same objective), so it is drawn
once, in vermillion.&lt;/p&gt;
&lt;p&gt;Training uses one inner step (only the potential matters; few-shot data overfits); testing may
use many steps and gets better results.&lt;/p&gt;
&lt;h3&gt;The algorithms&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;MAML&lt;/b&gt;: gradient descent on L(φ), second-order terms included (the gradient flows back
through the inner step). &lt;b&gt;FOMAML&lt;/b&gt;: the same with dθ&lt;sub&gt;n&lt;/sub&gt;/dφ taken as the identity,
so φ moves along the mean gradient at the θ&lt;sub&gt;n&lt;/sub&gt;: cheaper, and it can settle elsewhere.
&lt;b&gt;ANIL&lt;/b&gt;: split the network into a feature extractor and a head; the inner loop adapts only
the head (the toys have no head, so ANIL is off there). &lt;b&gt;Reptile&lt;/b&gt;: train each task a few
steps and move φ a fraction ε toward the mean θ&lt;sub&gt;n&lt;/sub&gt;. With one inner step that move is
only a small joint-training (pretraining) step, plain SGD at ε·α, so φ hardly leaves its start
and ends behind pretraining; its defaults therefore take several inner steps (5, as Nichol et al.
train each task for several), and then it fine-tunes far better than pretraining.
&lt;b&gt;Pretraining&lt;/b&gt;: joint training on all tasks, scored at φ itself.&lt;/p&gt;
&lt;h3&gt;Few-shot classification (Omniglot, the course&apos;s HW15)&lt;/h3&gt;
&lt;p&gt;A task is N-way K-shot: N characters never seen in training, K drawings of each to adapt on
(the support set), and new drawings of the same characters to be scored on (the query set).
HW15&apos;s setting is 5-way 1-shot with a Conv4 network (four blocks of 3×3 convolution, BatchNorm,
ReLU and max-pooling, then a linear head), one inner step of rate 0.4 in training and ten at
test. Task &amp;gt; Omniglot at HW15&apos;s settings sets exactly these.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;BatchNorm uses batch statistics&lt;/b&gt;, in training and at test: each forward pass
normalises with the mean and variance of the images it is given (the support set in the inner
loop, the query set when scored). This is MAML&apos;s convention (Finn et al.&apos;s code, HW15&apos;s).
Running averages, the usual choice for one network on one data set, go wrong here: they are
averaged over many tasks&apos; images, so they describe no task in particular; they are not part of
φ, so the meta-gradient does not know how they shape θ&lt;sub&gt;n&lt;/sub&gt;; and they move while the inner
loop runs. Antoniou et al. (2019, &quot;How to train your MAML&quot;) learn per-step statistics to fix
this; the app keeps the convention HW15 uses.&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Pretraining for classification&lt;/b&gt; is the transfer-learning baseline. The lecture&apos;s joint
objective Σ&lt;sub&gt;n&lt;/sub&gt; l&lt;sub&gt;n&lt;/sub&gt;(φ) degenerates here: each task numbers its classes in an
arbitrary order, so the same drawing is class 1 in one task and class 4 in another, and the
best single φ predicts 1/N for every class. The baseline instead trains one classifier over all
training characters, on the same images the meta-batch uses; at test time its body gets a fresh
all-zero N-way head (so it starts at exactly 1/N) and fine-tunes on the support set for k steps,
scored on the query set like MAML.&lt;/p&gt;
&lt;h3&gt;Looking back: the timeline&lt;/h3&gt;
&lt;p&gt;The slider beside the run&apos;s controls holds the run&apos;s history. Drag it, or click it and use
the arrow keys, and every view shows the run as it was at that step: φ and θ&lt;sub&gt;n&lt;/sub&gt;, the
landscape, the curves so far, the gap measured then. Training goes on (or stays paused)
meanwhile; &lt;b&gt;Live&lt;/b&gt;, the End key or the slider&apos;s right end return to it. &lt;b&gt;Play&lt;/b&gt; walks
through the history at the chosen speed. A run keeps every step up to 511, then every second,
fourth… step; an Omniglot run keeps a few exact checkpoints, so the slider shows the last kept
step at or before the one asked for, and says which. The views show a past step with the
current settings (the test inner rate, K&lt;sub&gt;test&lt;/sub&gt;).&lt;/p&gt;
&lt;h3&gt;Keys&lt;/h3&gt;
&lt;p&gt;Start Ctrl+R · Pause/Resume Space · Single step Ctrl+T · Stop Ctrl+. · Reset Ctrl+Shift+R ·
Timeline Ctrl+L · Play/Pause the timeline Ctrl+Shift+L · Crosshair Ctrl+H · Presenter mode F5
(Page Down/Up: next/previous view, Esc: leave) · Open Ctrl+O · Save Ctrl+S · Explore φ on a
toy&apos;s landscape Ctrl+E. On the timeline&apos;s slider the arrow keys go to the previous or next
recorded step, End to live; on a landscape with the explore marker they move the marker (with
Shift, five times as far).&lt;/p&gt;
&lt;h3&gt;Reading a plot&lt;/h3&gt;
&lt;p&gt;Rest the cursor on any plot: beside it are the coordinates, named as the axes are, the loss
under it on a landscape, and, on a marker, what the legend calls it (for θ&lt;sub&gt;n&lt;/sub&gt;, which
task). View &amp;gt; Crosshair draws lines through the cursor on every plot.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;我在看什麼？&lt;/h3&gt;
&lt;p&gt;MAML 學一組所有 task 共用的&lt;b&gt;初始化參數 φ&lt;/b&gt;（phi），所有 task 都用同一個模型架構。對第 &lt;i&gt;n&lt;/i&gt; 個 task，inner loop 從 φ 出發在 support set 上訓練，得到 &lt;b&gt;θ&lt;sub&gt;n&lt;/sub&gt;&lt;/b&gt;（theta_n）；θ&lt;sub&gt;n&lt;/sub&gt; 在 query set 上的 loss 叫做 l&lt;sub&gt;n&lt;/sub&gt;，把所有 task 的 l&lt;sub&gt;n&lt;/sub&gt; 加起來，L(φ) = Σ&lt;sub&gt;n&lt;/sub&gt; l&lt;sub&gt;n&lt;/sub&gt;(θ&lt;sub&gt;n&lt;/sub&gt;(φ))，就是 MAML 的 loss。φ 就用 L 硬做 gradient descent 來更新。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;Pre-training&lt;/b&gt;（multi-task training）拿&lt;i&gt;當下&lt;/i&gt;的參數算 loss，L&lt;sub&gt;pre&lt;/sub&gt;(φ) = Σ&lt;sub&gt;n&lt;/sub&gt; l&lt;sub&gt;n&lt;/sub&gt;(φ)。MAML 拿&lt;i&gt;經過訓練後&lt;/i&gt;的參數算 loss：φ 本身可能表現不怎麼好，但從 φ 出發，可以很順利地找到每個 task 的好參數。現在去工作（pre-training：現在的表現），還是念博班（MAML：潛力）。&lt;/p&gt;
&lt;p&gt;每次訓練都同時訓練所選的演算法&lt;b&gt;和&lt;/b&gt;一個 pre-training 對照組，用同樣的 task、從同樣的初始權重開始，所以兩者的差距是量出來的，不是假設的。每個視圖裡，演算法都畫成藍色，pre-training 畫成朱紅色。如果選的演算法就是 Pre-training，對照組會是同一個 learner（同樣的起點、同樣的 task、同樣的目標），所以只畫一次，用朱紅色。&lt;/p&gt;
&lt;p&gt;training 時參數只 update 1 次（只是要看潛力而已；few-shot 的資料很少，update 太多次會 overfitting）；testing 時可以 update 多次，得到較好的結果。&lt;/p&gt;
&lt;h3&gt;演算法&lt;/h3&gt;
&lt;p&gt;&lt;b&gt;MAML&lt;/b&gt;：對 L(φ) 做 gradient descent，包含二階項（gradient 會穿過 inner step 傳回去）。&lt;b&gt;FOMAML&lt;/b&gt;：一樣，但把 dθ&lt;sub&gt;n&lt;/sub&gt;/dφ 當成單位矩陣，所以 φ 沿著在 θ&lt;sub&gt;n&lt;/sub&gt; 上的平均 gradient 移動：比較便宜，可能停在別的地方。&lt;b&gt;ANIL&lt;/b&gt;：把網路拆成 feature extractor 和 head；inner loop 只更新 head（玩具任務沒有 head，所以那裡不能選 ANIL）。&lt;b&gt;Reptile&lt;/b&gt;：每個 task 訓練幾步，再把 φ 往 θ&lt;sub&gt;n&lt;/sub&gt; 的平均移動 ε 的比例。只 update 一次時，這一步只是一個很小的 joint-training（pre-training）步伐，等於學習率 ε·α 的 SGD，所以 φ 幾乎離不開起點，結果還輸給 pre-training；因此它的預設會用好幾步 inner step（5 步，跟 Nichol 等人每個 task 訓練好幾步一樣），這樣 fine-tune 起來就比 pre-training 好很多。&lt;b&gt;Pre-training&lt;/b&gt;：在所有 task 上一起訓練，在 φ 本身算分數。&lt;/p&gt;
&lt;h3&gt;Few-shot 分類（Omniglot，課程的 HW15）&lt;/h3&gt;
&lt;p&gt;一個 task 是 N-way K-shot：N 個訓練時沒看過的字元，每個有 K 張圖可以用來適應（support set），再用同樣字元的新圖來算分數（query set）。HW15 的設定是 5-way 1-shot，用 Conv4 網路（四個 block：3×3 卷積、BatchNorm、ReLU、max-pooling，再接一個線性 head），訓練時 inner loop 用學習率 0.4 update 一次，測試時十次。「任務 &amp;gt; Omniglot：HW15 的設定」會完全照這樣設定。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;BatchNorm 用 batch 統計量&lt;/b&gt;，訓練和測試都一樣：每次 forward 都用拿到的那批圖片的平均和變異數做正規化（inner loop 裡是 support set，算分數時是 query set）。這是 MAML 的慣例（Finn 等人的程式碼、HW15 的）。running average 是一個網路配一個資料集時常用的做法，在這裡會出問題：它們是很多 task 的圖片的平均，不代表任何一個 task；它們不是 φ 的一部分，所以 meta-gradient 不知道它們怎麼影響 θ&lt;sub&gt;n&lt;/sub&gt;；而且 inner loop 進行時它們還會變。Antoniou 等人（2019，&quot;How to train your MAML&quot;）學每一步自己的統計量來解決；這個 app 沿用 HW15 的慣例。&lt;/p&gt;
&lt;p&gt;&lt;b&gt;分類的 pre-training&lt;/b&gt; 是 transfer learning 的基準。課堂上的 joint 目標 Σ&lt;sub&gt;n&lt;/sub&gt; l&lt;sub&gt;n&lt;/sub&gt;(φ) 在這裡會退化：每個 task 用任意的順序給類別編號，同一張圖在一個 task 是類別 1，在另一個 task 是類別 4，所以最好的單一 φ 對每個類別都預測 1/N。所以這個基準改成在所有訓練字元上訓練一個分類器，用的是跟 meta-batch 同樣的圖片；測試時它的 body 接上一個全新的全零 N-way head（所以剛好從 1/N 開始），在 support set 上 fine-tune k 步，跟 MAML 一樣在 query set 上算分數。&lt;/p&gt;
&lt;h3&gt;回頭看：時間軸&lt;/h3&gt;
&lt;p&gt;訓練控制項旁邊的滑桿放著這次訓練的歷史。拖曳它，或點一下再用方向鍵，每個視圖都會顯示訓練在那一步時的樣子：φ 和 θ&lt;sub&gt;n&lt;/sub&gt;、地形、到那時為止的曲線、當時量到的差距。訓練同時繼續進行（或保持暫停）；&lt;b&gt;即時&lt;/b&gt;、End 鍵或滑桿的最右端會回到現在。&lt;b&gt;播放&lt;/b&gt;會用選定的速度走過整段歷史。一次訓練會保留 511 步以內的每一步，之後每隔一步、每隔三步…保留；Omniglot 的訓練只保留幾個精確的 checkpoint，所以滑桿會顯示在你要的那一步或之前最後保留的一步，並說明是哪一步。視圖用目前的設定（測試時的 inner 學習率、K&lt;sub&gt;test&lt;/sub&gt;）顯示過去的一步。&lt;/p&gt;
&lt;h3&gt;按鍵&lt;/h3&gt;
&lt;p&gt;開始 Ctrl+R · 暫停/繼續 空白鍵 · 單步 Ctrl+T · 停止 Ctrl+. · 重設 Ctrl+Shift+R · 時間軸 Ctrl+L · 播放/暫停時間軸 Ctrl+Shift+L · 十字準線 Ctrl+H · 簡報模式 F5（Page Down/Up：下一個/上一個視圖，Esc：離開）· 開啟 Ctrl+O · 儲存 Ctrl+S · 在玩具任務的地形上探索 φ Ctrl+E。在時間軸的滑桿上，方向鍵到上一個或下一個記錄的步驟，End 回到即時；在有探索標記的地形上，方向鍵移動標記（按住 Shift 移動五倍遠）。&lt;/p&gt;
&lt;h3&gt;讀圖&lt;/h3&gt;
&lt;p&gt;把游標停在任何一張圖上：旁邊會顯示座標（用座標軸的名稱）、地形上游標處的 loss，以及在標記上時，圖例怎麼稱呼它（θ&lt;sub&gt;n&lt;/sub&gt; 的話，是哪個 task）。「檢視 &amp;gt; 十字準線」會在每張圖的游標處畫線。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Task loss landscape&lt;/h3&gt;
&lt;p&gt;Each coloured curve (or contour map) is one task&apos;s loss as a function of the parameters.
The pretraining objective is their sum at the current parameters; the MAML objective is their sum
&lt;i&gt;after&lt;/i&gt; m inner steps (m = 0 is pretraining). The markers are φ of the algorithm and φ of
pretraining; arrows go from φ to each task&apos;s adapted θ&lt;sub&gt;n&lt;/sub&gt;. For a network the picture is a
2-D slice through φ and two adapted θ&lt;sub&gt;n&lt;/sub&gt;.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Task loss 地形&lt;/h3&gt;
&lt;p&gt;每條彩色曲線（或等高線圖）是一個 task 的 loss，是參數的函數。pre-training 的目標是它們在目前參數上的總和；MAML 的目標是 inner loop update m 次&lt;i&gt;之後&lt;/i&gt;的總和（m = 0 就是 pre-training）。標記是演算法的 φ 和 pre-training 的 φ；箭頭從 φ 指向每個 task 適應後的 θ&lt;sub&gt;n&lt;/sub&gt;。網路的圖是通過 φ 和兩個適應後的 θ&lt;sub&gt;n&lt;/sub&gt; 的二維切面。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;φ versus adapted θ&lt;sub&gt;n&lt;/sub&gt;&lt;/h3&gt;
&lt;p&gt;The path φ travels during meta-training (exact for the toy families, a PCA projection for
networks), with the current batch&apos;s θ&lt;sub&gt;n&lt;/sub&gt; as arrows from φ, for the algorithm and its
pretraining twin. MAML&apos;s φ need not sit at any task&apos;s minimum: it sits where one step reaches
each of them.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;φ 與適應後的 θ&lt;sub&gt;n&lt;/sub&gt;&lt;/h3&gt;
&lt;p&gt;φ 在 meta-training 中走的路徑（玩具任務是精確的，網路是 PCA 投影），以及這個 batch 的 θ&lt;sub&gt;n&lt;/sub&gt;（從 φ 出發的箭頭），演算法和它的 pre-training 對照組各一組。MAML 的 φ 不必在任何 task 的最小值上：它在 update 一次就能到達每個 task 最小值的地方。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;MAML versus pretraining&lt;/h3&gt;
&lt;p&gt;Query loss on held-out tasks after k = 0 … K&lt;sub&gt;test&lt;/sub&gt; adaptation steps from each starting
point. At k = 0 pretraining is usually better (current performance); after a few steps MAML is
better (potential). For sinusoids, function space shows a held-out task, its K support points,
and the fits after 0, 1 and K&lt;sub&gt;test&lt;/sub&gt; steps from both starting points.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;MAML 與 pre-training&lt;/h3&gt;
&lt;p&gt;從每個起點出發，在測試 task 上適應 k = 0 … K&lt;sub&gt;test&lt;/sub&gt; 步之後的 query loss。k = 0 時 pre-training 通常比較好（現在的表現）；幾步之後 MAML 比較好（潛力）。正弦波的函數空間會顯示一個測試 task、它的 K 個 support 點，以及兩個起點在 0、1 和 K&lt;sub&gt;test&lt;/sub&gt; 步之後的擬合。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Training curves&lt;/h3&gt;
&lt;p&gt;Meta-training loss before adaptation (at φ) and after adaptation (at θ&lt;sub&gt;n&lt;/sub&gt;), for the
algorithm and for pretraining. Log scale and smoothing are toggles.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;訓練曲線&lt;/h3&gt;
&lt;p&gt;適應前（在 φ）和適應後（在 θ&lt;sub&gt;n&lt;/sub&gt;）的 meta-training loss，演算法和 pre-training 各一組。對數刻度和平滑可以切換。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>HelpMenu</name>
    <message>
        <source>&amp;Help</source>
        <extracomment>the Help window&apos;s size where the screen allows it</extracomment>
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
    <name>Hover</name>
    <message>
        <source>, task {number}</source>
        <extracomment>legend names of per-task markers: the read-out says which task</extracomment>
        <translation>，task {number}</translation>
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
    <message>
        <source>ANIL adapts only the head of a network in its inner loop; the toy families have a single parameter vector with no feature extractor, so there is no head to split off (choose the sinusoid family)</source>
        <extracomment>core.config.algorithm_unavailable_reason&apos;s one reason (the Algorithm menu&apos;s tooltip)</extracomment>
        <translation>ANIL 在 inner loop 只更新網路的 head；玩具任務只有一個參數向量，沒有 feature extractor，所以沒有 head 可以拆出來（請選正弦波任務）</translation>
    </message>
    <message>
        <source>query loss</source>
        <extracomment>every loss name of core&apos;s families (FamilyTraits.loss_name), and the gap&apos;s accuracy</extracomment>
        <translation>query loss</translation>
    </message>
    <message>
        <source>query MSE</source>
        <translation>query MSE</translation>
    </message>
    <message>
        <source>query cross-entropy</source>
        <translation>query cross-entropy</translation>
    </message>
    <message>
        <source>query accuracy</source>
        <translation>query accuracy</translation>
    </message>
    <message>
        <source>{learner} twin</source>
        <translation>{learner} 對照組</translation>
    </message>
    <message>
        <source>{theta} from {phi} ({learner})</source>
        <translation>{phi}→{theta}（{learner}）</translation>
    </message>
    <message>
        <source>optimum of task {number}</source>
        <translation>task {number} 的最佳點</translation>
    </message>
</context>
<context>
    <name>Landscape</name>
    <message>
        <source>MAML objective</source>
        <extracomment>the surface choices before the tasks (index 0 and 1 of the surface box)</extracomment>
        <translation>MAML 目標</translation>
    </message>
    <message>
        <source>pretraining objective</source>
        <translation>pre-training 目標</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>task {number}</translation>
    </message>
    <message>
        <source>Contours: {surface}</source>
        <translation>等高線：{surface}</translation>
    </message>
    <message>
        <source>task {number} loss l&lt;sub&gt;{number}&lt;/sub&gt;</source>
        <extracomment>per learner: the steps (dashed arrows), where they start (phi on each task&apos;s curve) and the drop line from phi&apos;s marker through those starts</extracomment>
        <translation>task {number} 的 loss l&lt;sub&gt;{number}&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>Task losses and the two objectives</source>
        <translation>各 task 的 loss 與兩個目標</translation>
    </message>
    <message>
        <source> (refining…)</source>
        <extracomment>grid points along each axis of a slice a large net (FamilyTraits.is_large; Conv4) gets its slice in passes, each asked for once the previous one arrived: a coarse grid first, then a finer one. Measured on this machine, Conv4 at HW15&apos;s width, one thread (tests/benchmarks/conv4_landscape.py): the plain loss 2.4 s at 21 x 21 and 8.9 s at 41 x 41; with the loss after one inner step (a gradient per grid point) 10 s and 41 s. how each plane kind (records.PLANE_KINDS) is offered and what its axes are</extracomment>
        <translation>（細化中…）</translation>
    </message>
    <message>
        <source> (computing…)</source>
        <translation>（計算中…）</translation>
    </message>
    <message>
        <source>through φ, θ_a, θ_b</source>
        <translation>通過 φ、θ_a、θ_b</translation>
    </message>
    <message>
        <source>PCA of the φ paths</source>
        <translation>φ 路徑的 PCA</translation>
    </message>
    <message>
        <source>random (filter-normalised)</source>
        <translation>隨機（filter 正規化）</translation>
    </message>
    <message>
        <source>direction from φ to θ&lt;sub&gt;a&lt;/sub&gt;</source>
        <translation>從 φ 到 θ&lt;sub&gt;a&lt;/sub&gt; 的方向</translation>
    </message>
    <message>
        <source>orthogonal direction, toward θ&lt;sub&gt;b&lt;/sub&gt;</source>
        <translation>正交方向，朝向 θ&lt;sub&gt;b&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>PC 1 of the φ paths</source>
        <translation>φ 路徑的 PC 1</translation>
    </message>
    <message>
        <source>PC 2 of the φ paths</source>
        <translation>φ 路徑的 PC 2</translation>
    </message>
    <message>
        <source>random direction 1 (filter-normalised)</source>
        <translation>隨機方向 1（filter 正規化）</translation>
    </message>
    <message>
        <source>random direction 2</source>
        <translation>隨機方向 2</translation>
    </message>
    <message>
        <source>direction 1</source>
        <extracomment>a plane kind without its own axis names</extracomment>
        <translation>方向 1</translation>
    </message>
    <message>
        <source>direction 2</source>
        <translation>方向 2</translation>
    </message>
    <message>
        <source>The paths of φ are drawn in the PCA plane only: there the plane is made of the paths&apos; own main directions. Projected onto any other plane, a path through the whole parameter space is mostly noise.</source>
        <extracomment>the one plane whose axes are the paths&apos; own main directions</extracomment>
        <translation>φ 的路徑只畫在 PCA 平面上：那個平面是由路徑自己的主要方向構成的。投影到其他平面上，一條穿過整個參數空間的路徑大多只是雜訊。</translation>
    </message>
    <message>
        <source>before adaptation</source>
        <extracomment>the loss&apos;s range spans decades: the slice shows log10 of it, floored here a marker further off the plane than this (in units of |d1|) is drawn at its projection and its legend entry says so; closer is rounding</extracomment>
        <translation>適應之前</translation>
    </message>
    <message>
        <source>after one inner step</source>
        <translation>inner loop update 一次之後</translation>
    </message>
    <message>
        <source>task a</source>
        <translation>task a</translation>
    </message>
    <message>
        <source>task b</source>
        <translation>task b</translation>
    </message>
    <message>
        <source>mean of a and b</source>
        <translation>a 和 b 的平均</translation>
    </message>
    <message>
        <source>plane</source>
        <translation>平面</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>of</source>
        <translation>的</translation>
    </message>
    <message>
        <source>, projected</source>
        <extracomment>a large net&apos;s slice comes in passes (FamilyTraits.is_large)</extracomment>
        <translation>，投影</translation>
    </message>
    <message>
        <source>θ&lt;sub&gt;a&lt;/sub&gt;, θ&lt;sub&gt;b&lt;/sub&gt; from {phi} ({learner})</source>
        <translation>{phi}→θ&lt;sub&gt;a&lt;/sub&gt;、θ&lt;sub&gt;b&lt;/sub&gt;（{learner}）</translation>
    </message>
    <message>
        <source>path of {phi} ({learner})</source>
        <translation>{phi} 的路徑（{learner}）</translation>
    </message>
    <message>
        <source>{surface} of {pair}, {when}</source>
        <translation>{pair} 的 {surface}，{when}</translation>
    </message>
    <message>
        <source>inner steps m</source>
        <extracomment>the most inner steps the payload&apos;s MAML objectives cover (the m slider&apos;s range, 0..20): changing m needs no new payload. Twenty steps cost the toy2d grid ~0.15 s, once per rate.</extracomment>
        <translation>inner 步數 m</translation>
    </message>
    <message>
        <source>The MAML objective after m inner steps, 0 to 20: m = 0 is the pretraining objective, and as m grows it moves toward the tasks&apos; own minima</source>
        <translation>inner loop update m 次之後的 MAML 目標，0 到 20：m = 0 就是 pre-training 的目標，m 越大越往各 task 自己的最小值移動</translation>
    </message>
    <message>
        <source>MAML objective, m = {m}</source>
        <extracomment>each learner&apos;s phi (d,) and theta_n (T, d) from the latest snapshot</extracomment>
        <translation>MAML 目標，m = {m}</translation>
    </message>
</context>
<context>
    <name>LanguageMenu</name>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>The new language applies when maml-gui starts again. Restart now? The run is saved first and opened again in the new window.</source>
        <translation>新的語言在 maml-gui 重新啟動後生效。現在重新啟動嗎？目前的訓練會先儲存，並在新視窗中重新開啟。</translation>
    </message>
    <message>
        <source>Restart now</source>
        <translation>現在重新啟動</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>稍後</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>語言(&amp;L)</translation>
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
    <name>OneShot</name>
    <message>
        <source>people</source>
        <extracomment>neutral grey for what others measured: neither learner&apos;s colour the learners&apos; rows (one per k) are 1 apart; the published rows closer, below a gap a published row&apos;s pitch: at least this, more when the plot is too short for its label a published bar&apos;s thickness, as a share of the row&apos;s pitch the share of a k row the learners&apos; bars fill, and of a bar&apos;s share the bar itself runs&apos; dots spread over this share of their bar&apos;s thickness (many runs tie: 20 test images make an error a multiple of 5%) a published rate&apos;s label starts this far (in % error) right of its bar below this view width or height (at the screen font; a larger font scales them) the view is compact: the published rates become grey reference lines named in the note, not five bar rows, and the title, axis label, legend and note get shorter (the full note: the tooltip) the published methods&apos; short names in a compact note the published methods&apos; names (core.omniglot.lake_runs.PUBLISHED_ERROR), translated where drawn; tests/gui/test_i18n.py checks the list is the engine&apos;s</extracomment>
        <translation>人類</translation>
    </message>
    <message>
        <source>Bayesian program learning</source>
        <translation>Bayesian program learning</translation>
    </message>
    <message>
        <source>Siamese convnet</source>
        <translation>Siamese 卷積網路</translation>
    </message>
    <message>
        <source>plain convnet</source>
        <translation>一般的卷積網路</translation>
    </message>
    <message>
        <source>modified Hausdorff distance</source>
        <translation>modified Hausdorff distance</translation>
    </message>
    <message>
        <source>the bundled background subset</source>
        <translation>內附的 background 子集</translation>
    </message>
    <message>
        <source>the background characters of the run&apos;s own copy of Omniglot</source>
        <translation>這次訓練自己那份 Omniglot 的 background 字元</translation>
    </message>
    <message>
        <source>training</source>
        <translation>訓練時</translation>
    </message>
    <message>
        <source>20-way one-shot, each run within one evaluation alphabet: harder than random {ways} tasks. This run&apos;s models learnt from {data} only.</source>
        <translation>20-way one-shot，每回合都在同一個 evaluation 字母系統裡：比隨機的 {ways} task 更難。這次訓練的模型只從{data}學習。</translation>
    </message>
    <message>
        <source>Grey lines: published (Lake 2015): {rates}. </source>
        <translation>灰線：已發表的結果（Lake 2015）：{rates}。</translation>
    </message>
    <message>
        <source>20-way runs in one alphabet: harder than training&apos;s tasks.</source>
        <translation>在同一個字母系統裡的 20-way 回合：比訓練時的 task 更難。</translation>
    </message>
    <message>
        <source>Lake et al.&apos;s one-shot runs (waiting for the runs)</source>
        <extracomment>whether the view is too small for the published bar rows (fit_to_view decides)</extracomment>
        <translation>Lake 等人的 one-shot 回合（等待回合結果）</translation>
    </message>
    <message>
        <source>error on a run (%)</source>
        <translation>每回合的錯誤率（%）</translation>
    </message>
    <message>
        <source>published (Lake et al. 2015)</source>
        <extracomment>scoring the 20 runs costs ~10 s on Conv4: only while the view is seen (ViewHost)</extracomment>
        <translation>已發表的結果（Lake et al. 2015）</translation>
    </message>
    <message>
        <source>Lake&apos;s {runs} runs: error after k steps</source>
        <translation>Lake 的 {runs} 回合：k 步之後的錯誤率</translation>
    </message>
    <message>
        <source>error (%): bar = mean, dot = one run</source>
        <translation>錯誤率（%）：長條 = 平均，點 = 一個回合</translation>
    </message>
    <message>
        <source>Lake et al.&apos;s {runs} one-shot runs: error after k steps</source>
        <translation>Lake 等人的 {runs} 個 one-shot 回合：k 步之後的錯誤率</translation>
    </message>
    <message>
        <source>error on a run (%): bar = mean of the {runs}, dot = one run</source>
        <translation>每回合的錯誤率（%）：長條 = {runs} 回合的平均，點 = 一個回合</translation>
    </message>
    <message>
        <source>published</source>
        <translation>已發表</translation>
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
    <name>Quiz</name>
    <message>
        <source>Next task</source>
        <translation>下一個 task</translation>
    </message>
    <message>
        <source>Start over</source>
        <translation>重新開始</translation>
    </message>
    <message>
        <source>skip to the next held-out task</source>
        <translation>跳到下一個測試 task</translation>
    </message>
    <message>
        <source>clear your score and start at task 0</source>
        <translation>清除你的分數，從 task 0 開始</translation>
    </message>
    <message>
        <source>chance </source>
        <translation>亂猜 </translation>
    </message>
    <message>
        <source>Right answers</source>
        <translation>答對的題數</translation>
    </message>
    <message>
        <source>Right answers (models after {steps} steps)</source>
        <translation>答對的題數（模型 fine-tune {steps} 步之後）</translation>
    </message>
    <message>
        <source>class {number}: this one (key {number})</source>
        <translation>類別 {number}：就是這個（按鍵 {number}）</translation>
    </message>
    <message>
        <source>You vs the model needs an image classification run (Omniglot).</source>
        <translation>「你與模型」需要一次圖片分類（Omniglot）的訓練。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Waiting for the task…&lt;/b&gt; (held-out task {task} is being prepared)</source>
        <translation>&lt;b&gt;等待 task…&lt;/b&gt;（正在準備測試 task {task}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;That was every held-out task.&lt;/b&gt; Start over to play again.</source>
        <translation>&lt;b&gt;所有測試 task 都玩過了。&lt;/b&gt;按「重新開始」再玩一次。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Task {task} done:&lt;/b&gt; {right}/{total} right. Next task (or Enter) for another.</source>
        <translation>&lt;b&gt;task {task} 完成：&lt;/b&gt;答對 {right}/{total}。按「下一個 task」（或 Enter）繼續。</translation>
    </message>
    <message>
        <source>Task {task}, image {image} of {total}: &lt;b&gt;which character is this?&lt;/b&gt; Click it below or press {keys}.</source>
        <translation>task {task}，第 {image} 張，共 {total} 張：&lt;b&gt;這是哪一個字元？&lt;/b&gt;點下面的圖，或按 {keys}。</translation>
    </message>
    <message>
        <source>waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>(models after {steps} steps)</source>
        <translation>（模型 fine-tune {steps} 步之後）</translation>
    </message>
    <message>
        <source>you</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Last image was class {number}: {said}</source>
        <translation>上一張是類別 {number}：{said}</translation>
    </message>
    <message>
        <source>You</source>
        <translation>你</translation>
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
    <name>TaskView</name>
    <message>
        <source>Waiting for held-out task {task} from the training process…</source>
        <extracomment>grey levels of paper (ink 0) and pen (ink 1): dark grey ink, so the black crosses and the frames stand out against it query images drawn as rows (the engine sends N x k_query); the CSV lists every one the bars&apos; y range: probabilities 0..1, and room for the cross on a bar at 1 room round an image inside its box, in image pixels, so its frame is not clipped the legend&apos;s and the column heads&apos; text against the theme&apos;s font the numbers under a many-way strip (20 of them in a 395-pixel dock) up to this many classes the support images say &quot;class 3&quot;; more say &quot;3&quot; (a 20-way strip of &quot;class 17&quot; captions was wider than the view) narrower than this many pixels per font point, the view is compact: shorter column heads and title, the legend on two lines (a 395-pixel dock of a 1280x720 window) a grid asking for more than this (a 50-way task) is cut rather than widening the dock the two learners&apos; bars side by side in a class&apos;s slot; one bar alone is wider</extracomment>
        <translation>正在等訓練程序送來測試 task {task}…</translation>
    </message>
    <message>
        <source>The task view shows image classification (Omniglot) only.</source>
        <translation>Task 視圖只顯示圖片分類（Omniglot）。</translation>
    </message>
    <message>
        <source>class {number}</source>
        <translation>類別 {number}</translation>
    </message>
    <message>
        <source>k = 0 ({phi} itself)</source>
        <translation>k = 0（{phi} 本身）</translation>
    </message>
    <message>
        <source>which held-out task to show</source>
        <translation>要顯示哪一個測試 task</translation>
    </message>
    <message>
        <source>query&lt;br&gt;(true class)</source>
        <extracomment>what the grid was built for (classes, rows, steps, learners, theme): rebuilt when it changes, only refilled otherwise</extracomment>
        <translation>query&lt;br&gt;（真正的類別）</translation>
    </message>
    <message>
        <source>class:</source>
        <translation>類別：</translation>
    </message>
    <message>
        <source>true class</source>
        <translation>真正的類別</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>答錯</translation>
    </message>
    <message>
        <source>chance 1/{n}</source>
        <translation>亂猜 1/{n}</translation>
    </message>
    <message>
        <source>bars:</source>
        <translation>長條：</translation>
    </message>
    <message>
        <source>support:</source>
        <translation>support：</translation>
    </message>
    <message>
        <source>support&lt;br&gt;set:</source>
        <translation>support&lt;br&gt;set：</translation>
    </message>
    <message>
        <source>task {number}</source>
        <translation>task {number}</translation>
    </message>
    <message>
        <source>right: {counts}</source>
        <translation>答對：{counts}</translation>
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
    <name>TrainingClient</name>
    <message>
        <source>stopped answering</source>
        <extracomment>how often the GUI collects the session&apos;s events at most this long per collection, so a burst of events cannot stall the event loop closing waits this long for the session to finish its step, then ends the process what the reader thread puts in the inbox when the event pipe has ended</extracomment>
        <translation>沒有回應了</translation>
    </message>
    <message>
        <source>was killed by signal {signal}</source>
        <translation>被訊號 {signal} 終止</translation>
    </message>
    <message>
        <source>exited with status {status}</source>
        <translation>以狀態 {status} 結束</translation>
    </message>
    <message>
        <source>The training process {how}; the run it held is lost. Start or Reset begins a fresh run in a new training process; Open continues a saved one.</source>
        <translation>訓練程序{how}；它手上的訓練已經遺失。「開始」或「重設」會在新的訓練程序裡開始一次新的訓練；「開啟」可以接著一份儲存的訓練紀錄。</translation>
    </message>
</context>
<context>
    <name>ViewHost</name>
    <message>
        <source>Starting the training process…</source>
        <extracomment>one view redrawn per tick: 25 passes a second. The two CPUs of this kind of machine share a core&apos;s resources: a numpy process beside plain training slowed it to 0.77x (measured), so the GUI&apos;s own CPU is training&apos;s speed. At 33 ms (30 passes, 34% of a CPU) training ran at 0.83-0.96x headless; at 40 ms (25 passes, 24%) at 0.86-0.91x. at most this share of wall time for the GUI thread&apos;s own work (mostly painting) ... but never fewer frames than one per this many seconds shown over every view until the training process has made its first run (it imports torch meanwhile: 2-3 s, while this process shows the window)</extracomment>
        <translation>正在啟動訓練程序…</translation>
    </message>
    <message>
        <source>{view} failed</source>
        <extracomment>the share of the views&apos; width the first column (landscape over gap) gets, as before the views were split by family (the landscape&apos;s controls then held it open); the landscape&apos;s legend and the gap&apos;s two plots need the room; the second column holds narrower plots the settings dock may grow this much past its size hint (its messages wrap) a resized view gets its slide theme re-fitted once the resizing has paused this long (ms): re-theming a view re-lays out its scene, too slow for every step of a splitter drag a slide theme too large for its view&apos;s content steps down by this share of the way from the slide theme&apos;s sizes to the screen theme&apos;s (one point of type) the standing set of payloads the views need changed (a tuple of PayloadRequest) the timeline holds the views at a past step; the live data is kept meanwhile whether the current family shows each view (Panel.shown_for), by id(panel) whether each dock is on screen, by id: a back tab&apos;s dock is not hidden, Qt only says so through visibilityChanged</extracomment>
        <translation>「{view}」出錯了</translation>
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
<context>
    <name>Views</name>
    <message>
        <source>Feature reuse</source>
        <extracomment>below this view width or height (at the screen font; a larger font scales them) the view is compact: short legend names, title and axis labels, fewer y ticks (full note: the tooltip) the y axis&apos; (label, grid) tick spacing: 0.1 grid lines under 0.2 labels (pyqtgraph&apos;s own minor ticks crowded the bars); a compact view labels 0, 0.5 and 1 only, over quarter lines the three series in drawing order: the run&apos;s algorithm, its start adapting the head only, the pretraining twin</extracomment>
        <translation>特徵重複使用</translation>
    </message>
    <message>
        <source>Function space</source>
        <translation>函數空間</translation>
    </message>
    <message>
        <source>MAML vs pretraining gap</source>
        <extracomment>what a classifier&apos;s gap shows: HW15&apos;s report plots accuracy; the loss is what MAML minimises</extracomment>
        <translation>MAML 與 pre-training 的差距</translation>
    </message>
    <message>
        <source>show</source>
        <extracomment>the view&apos;s width / height is asked for in steps of this (a new grid per step, not per pixel)</extracomment>
        <translation>顯示</translation>
    </message>
    <message>
        <source>query accuracy (HW15&apos;s plots) or query loss</source>
        <translation>query accuracy（HW15 的圖）或 query loss</translation>
    </message>
    <message>
        <source>meta-training used k = {value:g}</source>
        <translation>meta-training 用 k = {value:g}</translation>
    </message>
    <message>
        <source>{learner}: fine-tuning on held-out tasks</source>
        <extracomment>the right-hand plot&apos;s evaluations: algorithm k=0, k=K, twin k=0, k=K, then the setting each was measured under (K_test, test inner lr, held-out tasks)</extracomment>
        <translation>{learner}：在測試 task 上 fine-tune</translation>
    </message>
    <message>
        <source>{learner} vs {twin} gap</source>
        <translation>{learner} 與 {twin} 的差距</translation>
    </message>
    <message>
        <source>from {phi} ({learner})</source>
        <translation>從 {phi} 出發（{learner}）</translation>
    </message>
    <message>
        <source>{learner}, after {k} steps</source>
        <translation>{learner}，{k} 步之後</translation>
    </message>
    <message>
        <source>Fine-tuning on held-out tasks (iteration {step})</source>
        <translation>在測試 task 上 fine-tune（第 {step} 次迭代）</translation>
    </message>
    <message>
        <source>Fine-tuning on held-out tasks</source>
        <translation>在測試 task 上 fine-tune</translation>
    </message>
    <message>
        <source>adaptation steps k</source>
        <translation>適應步數 k</translation>
    </message>
    <message>
        <source>{unit} after k steps</source>
        <translation>k 步之後的 {unit}</translation>
    </message>
    <message>
        <source>meta-training used {steps} inner step(s)</source>
        <translation>meta-training 的 inner loop 用了 {steps} 步</translation>
    </message>
    <message>
        <source>During meta-training</source>
        <translation>meta-training 過程中</translation>
    </message>
    <message>
        <source>meta-iteration</source>
        <translation>meta-iteration</translation>
    </message>
    <message>
        <source>Task loss landscape</source>
        <extracomment>perceptually uniform and free of blue, orange and red, so the blue/vermillion markers and the task-coloured contours stay the loudest things on the slice: colorcet&apos;s CET-L9 (blue-green-yellow-white) without its blue start and its white end (white theta markers) what the view shows before its first run</extracomment>
        <translation>Task loss 地形</translation>
    </message>
    <message>
        <source>Training curves</source>
        <extracomment>drawn points per pixel of plot width: the redraw runs up to 30 times a second, so paint cost is what limits it. Measured on 2,200 noisy points (600 px plot): the four smoothed curves as antialiased paths cost ~95 ms (the dashed ones 60 of it); binned to one point per 3 px (mean) they cost a few ms. The raw data keeps its spikes: min and max of each pixel.</extracomment>
        <translation>訓練曲線</translation>
    </message>
    <message>
        <source>log scale</source>
        <translation>對數刻度</translation>
    </message>
    <message>
        <source>smoothing (EMA)</source>
        <translation>平滑（EMA）</translation>
    </message>
    <message>
        <source>0 shows the raw losses</source>
        <translation>0 顯示原始的 loss</translation>
    </message>
    <message>
        <source>{learner}: at {phi} (current)</source>
        <translation>{learner}：在 {phi}（現在的表現）</translation>
    </message>
    <message>
        <source>{learner}: at {theta} (potential)</source>
        <translation>{learner}：在 {theta}（潛力）</translation>
    </message>
    <message>
        <source>the toy losses can be negative (the trap well), so a log scale does not apply</source>
        <translation>玩具任務的 loss 可以是負的（陷阱井），所以不能用對數刻度</translation>
    </message>
    <message>
        <source>logarithmic loss axis</source>
        <translation>對數刻度的 loss 軸</translation>
    </message>
    <message>
        <source>Meta-training loss on the query sets</source>
        <translation>query set 上的 meta-training loss</translation>
    </message>
    <message>
        <source>Lake&apos;s 20 runs</source>
        <translation>Lake 的 20 回合</translation>
    </message>
    <message>
        <source>You vs the model</source>
        <extracomment>the user&apos;s bar: neutral, neither learner&apos;s colour support buttons per row (a 20-way task wraps onto two rows) the quiz&apos;s share of the panel&apos;s width (or height); the score plot has the rest the quiz sits beside the plot in a view this much wider than tall, above it otherwise the quiz&apos;s own minimum: its buttons&apos; shrink to the width it gets, so the layout&apos;s minimum (the buttons at their current size) would keep a dock from ever getting narrower the score plot is left out when it would get fewer pixels than this in height (a dock of 330 pixels squashed it to a sliver); the score&apos;s text above says the same bounds of the images&apos; sides in pixels a bar&apos;s thickness, and the room above the top one for its name (data units, 1 per bar)</extracomment>
        <translation>你與模型</translation>
    </message>
    <message>
        <source>{tasks} tasks</source>
        <extracomment>the setting columns of a gap-history row, after the four losses (core GAP_COLUMNS) of them, K_test</extracomment>
        <translation>{tasks} 個 task</translation>
    </message>
    <message>
        <source>the evaluation setting changed here: {setting}</source>
        <translation>評估設定在這裡改變：{setting}</translation>
    </message>
    <message>
        <source>Task view</source>
        <translation>Task 視圖</translation>
    </message>
    <message>
        <source>phi and adapted theta_n</source>
        <extracomment>a path is drawn with at most this many points per pixel of the plot&apos;s longer side (and never fewer than MIN_PATH_POINTS): its history holds up to 4,096 rows, and an antialiased path&apos;s paint cost grows with its points, redrawn ~15 times a second, where more points than pixels add nothing to the picture</extracomment>
        <translation>φ 與適應後的 θn</translation>
    </message>
    <message>
        <source>{phi}&lt;sub&gt;0&lt;/sub&gt;, shared start</source>
        <extracomment>both phis per step, side by side: (N, 2 * dim)</extracomment>
        <translation>{phi}&lt;sub&gt;0&lt;/sub&gt;，共同的起點</translation>
    </message>
    <message>
        <source>{phi} during meta-training</source>
        <translation>meta-training 中的 {phi}</translation>
    </message>
    <message>
        <source>parameter w</source>
        <translation>參數 w</translation>
    </message>
    <message>
        <source>Paths of {phi} in parameter space</source>
        <translation>{phi} 在參數空間中的路徑</translation>
    </message>
    <message>
        <source>parameter w&lt;sub&gt;1&lt;/sub&gt;</source>
        <translation>參數 w&lt;sub&gt;1&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>parameter w&lt;sub&gt;2&lt;/sub&gt;</source>
        <translation>參數 w&lt;sub&gt;2&lt;/sub&gt;</translation>
    </message>
    <message>
        <source>Paths of {phi} (PCA projection)</source>
        <translation>{phi} 的路徑（PCA 投影）</translation>
    </message>
    <message>
        <source>PC 1 ({share} of path variance)</source>
        <translation>PC 1（路徑變異的 {share}）</translation>
    </message>
    <message>
        <source>PC 2 ({share})</source>
        <translation>PC 2（{share}）</translation>
    </message>
</context>
</TS>
