# language: vi
Tính năng: Cấp bản sao, chỉnh sửa văn bằng — cơ chế một cửa do hệ thống tự giữ, ở mọi biến thể
  Các quy tắc của DOMAIN.md §1.2 mà hệ thống tự kiểm tra dù sơ đồ vẽ thế nào (engine/law/law.py): hồ sơ trễ hạn
  chỉ kết thúc sau thư xin lỗi (Mẫu 04); mốc "sau 15:00"; phần thời hạn "trong ngày" (0 ngày làm việc) của
  bản sao; ngày xử lý xong và ngày trả kết quả ghi riêng; quy định áp dụng theo ngày tiếp nhận; nghĩa vụ
  tài chính (trạng thái 6) của bản sao.
  Thủ tục này không có cơ quan liên thông nào trả lời bằng thông điệp: không có kịch bản từ chối qua
  thông điệp, không có kết quả riêng hay phần thời hạn của từng cơ quan (hạn "trong ngày" của bản sao là hạn
  của chính thủ tục, 0 ngày làm việc).

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001092000123"
    Và dữ liệu hồ sơ:
      | ho_ten       | Trần Thị Bình |
      | so_dinh_danh | 001092000123  |

  # Hồ sơ trễ hạn không kết thúc khi chưa có thư xin lỗi (DOMAIN.md §1.2 [S1][S14]): sơ đồ tự chờ thư,
  # hoặc hệ thống chặn bước kết thúc.
  Kịch bản: Hồ sơ trễ hạn: xong mọi việc mà chưa có thư xin lỗi thì chưa kết thúc
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau       | chinh_sua                          |
      | noi_dung_chinh_sua | Cải chính ngày sinh theo trích lục |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và quá hạn giải quyết
    Và "Phòng Khảo thí và Quản lý chất lượng" hoàn thành "dự thảo quyết định" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" (nếu luật cho phép) với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" trả kết quả (nếu luật cho phép)
    Thì hồ sơ chưa kết thúc vì chưa có thư xin lỗi
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh trích lục hộ tịch |
      | ngay_hen_moi  | 30/04/2025                     |
    Thì thao tác bị từ chối theo quy tắc "ngày hẹn mới là ngày làm việc"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh trích lục hộ tịch |
      | ngay_hen_moi  | 21/03/2025                     |
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" (nếu còn chờ) với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và đã có thư xin lỗi hẹn lại ngày 21/03/2025
    Và hồ sơ không còn chờ gì

  # "Sau 15:00" (DOMAIN.md §1.2 [S7][S8][D3]): nhận đúng 15:00:00 vẫn tính trong ngày; bản sao có phần
  # thời hạn 0 ngày làm việc — trả trong ngày.
  Kịch bản: Bản sao nhận đúng 15:00:00 vẫn phải trả trong ngày
    Cho bây giờ là thứ Hai 03/03/2025 lúc 15:00:00
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 1       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết là thứ Hai 03/03/2025 17:00

  Kịch bản: Bản sao nhận lúc 15:00:01 được trả trong ngày làm việc tiếp theo
    Cho bây giờ là thứ Hai 03/03/2025 lúc 15:00:01
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 1       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết là thứ Ba 04/03/2025 17:00

  # Thời gian chờ công dân đến nhận không tính vào thời hạn (DOMAIN.md §1.2 [S3][M5]).
  Kịch bản: Ngày xử lý xong và ngày trả kết quả được ghi riêng
    Cho bây giờ là thứ Hai 03/03/2025 lúc 09:00
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 1       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Khảo thí và Quản lý chất lượng" kết luận thẩm định "đạt"
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" với:
      | quyet_dinh | dong_y |
    Thì ngày xử lý xong là 03/03/2025
    Khi 2 ngày làm việc trôi qua
    Và "Bộ phận Một cửa" trả kết quả
    Thì ngày xử lý xong là 03/03/2025
    Và ngày trả kết quả được ghi riêng với ngày xử lý xong
    Và hồ sơ có kết quả đúng hẹn
    Và không có thư xin lỗi

  # Từ 01/7/2025 Nghị định 118/2025/NĐ-CP thay Nghị định 61/2018/NĐ-CP ([S12][S13]); hồ sơ giữ quy định
  # có hiệu lực vào ngày tiếp nhận.
  Khung kịch bản: Hồ sơ áp dụng quy định có hiệu lực vào ngày tiếp nhận, kể cả sau khi quy định thay đổi
    Cho bây giờ là <ngay_nop>
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 1       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hồ sơ áp dụng "<quy_dinh>"
    Khi bây giờ là thứ Tư 02/07/2025 lúc 09:00
    Thì hồ sơ vẫn áp dụng "<quy_dinh>"
    Và hồ sơ không áp dụng "<khong_ap_dung>"

    Dữ liệu:
      | ngay_nop                     | quy_dinh                 | khong_ap_dung            |
      | thứ Hai 30/06/2025 lúc 16:00 | Nghị định 61/2018/NĐ-CP  | Nghị định 118/2025/NĐ-CP |
      | thứ Ba 01/07/2025 lúc 09:00  | Nghị định 118/2025/NĐ-CP | Nghị định 61/2018/NĐ-CP  |

  # Phí là nhiệm vụ của cơ chế một cửa (DOMAIN.md §1.2 [S3]); hồ sơ có phí qua trạng thái 6 "Yêu cầu thực
  # hiện nghĩa vụ tài chính" [S18]. GIẢ ĐỊNH: bản sao có phí, mức do HĐND cấp tỉnh quy định, chưa có nguồn
  # (procedure.toml, fees); chỉnh sửa văn bằng không có phí.
  Khung kịch bản: Bản sao có phí thì hồ sơ qua trạng thái yêu cầu thực hiện nghĩa vụ tài chính
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau       | <loai>    |
      | so_ban_sao         | 1         |
      | noi_dung_chinh_sua | Ngày sinh |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì Cổng DVC <da_nhan> trạng thái "Yêu cầu thực hiện nghĩa vụ tài chính"

    Dữ liệu:
      | loai      | da_nhan        |
      | ban_sao   | đã nhận        |
      | chinh_sua | chưa nhận      |

  # Hiện tại công dân nộp phí tại quầy khi nhận bản sao; đề xuất nộp trên Cổng DVC, ngoài sơ đồ này.
  @chi-as-is
  Kịch bản: Hiện tại: phí bản sao nộp tại quầy khi nhận kết quả
    Khi công dân nộp hồ sơ với:
      | loai_yeu_cau | ban_sao |
      | so_ban_sao   | 1       |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Khảo thí và Quản lý chất lượng" kết luận thẩm định "đạt"
    Và "Lãnh đạo Sở" hoàn thành "bản sao / quyết định chỉnh sửa" với:
      | quyet_dinh | dong_y |
    Và "Bộ phận Một cửa" trả kết quả với:
      | so_ban_sao_da_tra | 1       |
      | hinh_thuc_nop_phi | counter |
    Thì công dân đã nộp phí tại quầy
    Và Cổng DVC đã nhận lần lượt các trạng thái 1, 2, 6, 4, 9, 10
