# language: vi
Tính năng: Cho phép thành lập trung tâm ngoại ngữ, tin học — bổ sung, từ chối, trễ hạn
  Thẩm định trong 10 ngày làm việc, quyết định trong 5 ngày (Nghị định 46/2017, Điều 47): tổng 15 ngày
  làm việc. Thời gian chờ bổ sung không tính; quá hạn thì xin lỗi và hẹn lại (Mẫu 04).

  Bối cảnh:
    Cho người nộp hồ sơ có số định danh "001085000777"
    Và dữ liệu hồ sơ:
      | ten_trung_tam           | Trung tâm Tin học Sao Mai |
      | loai_trung_tam          | tin_hoc                   |
      | dia_chi                 | 5 Trần Phú, Hải Phòng     |
      | to_chuc_ca_nhan_de_nghi | Bà Nguyễn Thị Hoa         |
      | ho_ten_giam_doc         | Nguyễn Thị Hoa            |
      | so_dinh_danh_giam_doc   | 001182001111              |

  Kịch bản: Đề án thiếu: tạm dừng tính hạn, bổ sung một lần, hạn lùi đúng số ngày chờ
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và 2 ngày làm việc trôi qua
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | can_bo_sung                                 |
      | noi_dung_bo_sung  | Đề án chưa có danh sách giáo viên dự kiến |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung danh sách giáo viên dự kiến"
    Thì đồng hồ pháp lý đang tạm dừng
    Và đồng hồ pháp lý đã dùng 2 ngày làm việc
    Khi 5 ngày làm việc trôi qua
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | danh-sach-giao-vien.pdf |
    Thì đồng hồ pháp lý đang chạy
    Và hạn giải quyết lùi 5 ngày làm việc
    Và hồ sơ chờ ở "Thẩm định hồ sơ, đề án" của "Phòng Giáo dục thường xuyên"
    Khi "Phòng Giáo dục thường xuyên" kết luận thẩm định "đạt"
    Thì hồ sơ không chờ ở "Thẩm định hồ sơ, đề án"
    Và đã lập "Mẫu 02" 1 lần

  Kịch bản: Thẩm định không đạt: văn bản từ chối nêu rõ lý do
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | khong_dat                                      |
      | ly_do             | Chương trình đào tạo không theo khung quy định |
    Và "Bộ phận Một cửa" hoàn thành "văn bản từ chối" với:
      | ly_do | Chương trình đào tạo không theo khung quy định |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không theo khung"
    Và hồ sơ bị từ chối có lý do bằng văn bản
    Và hồ sơ có kết quả đúng hẹn

  Kịch bản: Từ chối tiếp nhận phải nêu lý do (Mẫu 03)
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | tu_choi |
    Và "Bộ phận Một cửa" hoàn thành "Phiếu từ chối tiếp nhận" với:
      | ly_do | Trung tâm đặt tại tỉnh khác, không thuộc thẩm quyền của Sở |
    Thì hồ sơ đã kết thúc với kết quả "từ chối" với lý do "không thuộc thẩm quyền"
    Và đã lập "Mẫu 03" 1 lần

  Kịch bản: Quá hạn 15 ngày làm việc: thư xin lỗi hẹn lại ngày
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp" trả lời "Phiếu lý lịch tư pháp" (nếu có) với:
      | so_phieu | LLTP-2025-000123 |
      | ket_qua  | khong_co_an_tich |
    Và quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ kiểm tra thực tế cơ sở vật chất |
      | ngay_hen_moi  | 04/04/2025                          |
    Thì đã có thư xin lỗi hẹn lại ngày 04/04/2025
    Khi "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và "Lãnh đạo Sở" hoàn thành "quyết định cho phép thành lập" với:
      | quyet_dinh    | cho_phep     |
      | so_quyet_dinh | 215/QĐ-SGDĐT |
    Và "Bộ phận Một cửa" trả kết quả
    Thì hồ sơ đã kết thúc với kết quả "đồng ý"
    Và hồ sơ có kết quả đúng hẹn

  # Hiện tại: thẩm định có phần thời hạn 10 ngày; quá hạn thì Bộ phận Một cửa nhắc Phòng chuyên môn.
  @chi-as-is
  Kịch bản: Hiện tại: quá 10 ngày thẩm định thì Bộ phận Một cửa nhắc hạn
    Khi công dân nộp hồ sơ tại quầy
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và hết phần thời hạn của "Sở Giáo dục và Đào tạo"
    Thì hồ sơ chờ ở "Phiếu nhắc hạn thẩm định" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" hoàn thành "Phiếu nhắc hạn thẩm định" với:
      | noi_dung_nhac | Đề nghị hoàn thành thẩm định trong 2 ngày |
    Thì hồ sơ chờ ở "Thẩm định hồ sơ, đề án"
    Và không có thư xin lỗi

  # Đề xuất: cơ quan tư pháp có 10 ngày làm việc; quá hạn thì chuyên viên đôn đốc và ghi nhận kết quả.
  @chi-to-be
  Kịch bản: Đề xuất: cơ quan tư pháp trả lời quá hạn, chuyên viên đôn đốc và ghi nhận kết quả
    Khi công dân nộp hồ sơ trực tuyến
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | dat |
    Và hết phần thời hạn của "Cơ quan quản lý cơ sở dữ liệu lý lịch tư pháp"
    Thì hồ sơ chờ ở "Đôn đốc cơ quan tư pháp" của "Phòng Giáo dục thường xuyên"
    Khi "Phòng Giáo dục thường xuyên" hoàn thành "Đôn đốc cơ quan tư pháp" với:
      | phieu_lltp | {"so_phieu": "LLTP-2025-000123", "ket_qua": "khong_co_an_tich"} |
      | cach_thuc  | dien_thoai                                                        |
    Thì hồ sơ chờ ở "quyết định cho phép thành lập" của "Lãnh đạo Sở"

  # Nghị định 61/2018: chỉ yêu cầu bổ sung một lần (DOMAIN.md §1.2 [S5]); sau đó giải quyết hoặc từ chối.
  Kịch bản: Đã bổ sung mà thẩm định vẫn thấy thiếu: không yêu cầu bổ sung lần hai
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục thường xuyên" hoàn thành "Thẩm định hồ sơ, đề án" với:
      | ket_qua_tham_dinh | can_bo_sung                               |
      | noi_dung_bo_sung  | Đề án chưa có danh sách giáo viên dự kiến |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung danh sách giáo viên dự kiến"
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | danh-sach-giao-vien.pdf |
    Và "Phòng Giáo dục thường xuyên" thử yêu cầu bổ sung lần nữa với:
      | noi_dung_bo_sung | Danh sách chưa có bằng cấp của giáo viên |
    Thì sơ đồ không cho yêu cầu bổ sung lần hai
    Và đồng hồ pháp lý đang chạy
    Và đã lập "Mẫu 02" 1 lần
    Và hồ sơ chờ ở "văn bản từ chối"

  # Thư xin lỗi hẹn lại một ngày làm việc, không trước hôm nay và không vào ngày nghỉ (DOMAIN.md §1.2 [S1][S9]).
  Kịch bản: Ngày hẹn mới trong thư xin lỗi phải là ngày làm việc, không trước hôm nay
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và quá hạn giải quyết
    Thì hồ sơ chờ ở "Lập Phiếu xin lỗi" của "Bộ phận Một cửa"
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 28/02/2025             |
    Thì thao tác bị từ chối vì "before today"
    Khi "Bộ phận Một cửa" thử hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 30/04/2025             |
    Thì thao tác bị từ chối vì "not a working day"
    Khi "Bộ phận Một cửa" hoàn thành "Lập Phiếu xin lỗi" với:
      | ly_do_tre_han | Chờ xác minh thông tin |
      | ngay_hen_moi  | 06/05/2025             |
    Thì đã có thư xin lỗi hẹn lại ngày 06/05/2025
