# language: vi
Tính năng: Chuyển trường THPT — yêu cầu bổ sung hồ sơ
  Thiếu giấy tờ thì Bộ phận Một cửa hướng dẫn bổ sung một lần, bằng văn bản (Mẫu 02). Khi hồ sơ
  đã được tiếp nhận, thời gian chờ phụ huynh bổ sung không tính vào hạn giải quyết.

  Bối cảnh:
    Cho dữ liệu hồ sơ:
      | ho_ten_hoc_sinh       | Trần Thị Bình   |
      | so_dinh_danh_hoc_sinh | 031208005678    |
      | truong_di             | THPT Ngô Quyền  |
      | truong_den            | THPT Thái Phiên |
      | pham_vi               | ngoai_tinh      |
      | lop                   | 10              |

  Kịch bản: Kiểm tra thấy thiếu: tạm dừng tính hạn, phụ huynh bổ sung, hạn lùi đúng số ngày chờ
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và 1 ngày làm việc trôi qua
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "cần bổ sung" với:
      | noi_dung_bo_sung | Thiếu giấy tờ chứng minh nơi cư trú mới |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy tờ chứng minh nơi cư trú mới"
    Thì trạng thái hồ sơ trên Cổng DVC là "Yêu cầu bổ sung giấy tờ"
    Và đồng hồ pháp lý đang tạm dừng
    Và đồng hồ pháp lý đã dùng 1 ngày làm việc
    Và đã lập "Mẫu 02" 1 lần
    Khi 4 ngày làm việc trôi qua
    Thì không có thư xin lỗi
    Khi công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | xac-nhan-cu-tru.pdf |
    Thì đồng hồ pháp lý đang chạy
    Và đồng hồ pháp lý đã dùng 1 ngày làm việc
    Và hạn giải quyết lùi 4 ngày làm việc
    Và hạn giải quyết đúng thời hạn công bố cộng 4 ngày tạm dừng
    Và hồ sơ chờ ở làn "Phòng Giáo dục Trung học"
    Khi "Phòng Giáo dục Trung học" kết luận thẩm định "đạt"
    Thì hồ sơ không chờ ở "yêu cầu bổ sung"
    Và đồng hồ pháp lý đang chạy

  Kịch bản: Hồ sơ thiếu khi nộp: hướng dẫn bổ sung một lần bằng văn bản, chưa tính hạn
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" hoàn thành "Kiểm tra tính đầy đủ" với:
      | ket_qua_kiem_tra | can_bo_sung |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Thiếu học bạ và giấy xác nhận cư trú"
    Thì đồng hồ pháp lý chưa bắt đầu
    Và đã lập "Mẫu 02" 1 lần
    Khi 2 ngày làm việc trôi qua
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | hoc-ba.pdf |
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Thì hạn giải quyết đúng thời hạn công bố
    Và đã lập "Mẫu 02" 1 lần

  Kịch bản: Phiếu yêu cầu bổ sung phải ghi rõ nội dung cần bổ sung
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "cần bổ sung" với:
      | noi_dung_bo_sung | Thiếu học bạ |
    Và "Bộ phận Một cửa" thử hoàn thành "yêu cầu bổ sung"
    Thì thao tác bị từ chối vì "noi_dung_bo_sung"
    Và đồng hồ pháp lý đang chạy

  # Nghị định 61/2018: chỉ yêu cầu bổ sung một lần (DOMAIN.md §1.2 [S5]); sau đó giải quyết hoặc từ chối.
  Kịch bản: Đã bổ sung mà thẩm định vẫn thấy thiếu: không yêu cầu bổ sung lần hai
    Khi công dân nộp hồ sơ
    Và "Bộ phận Một cửa" tiếp nhận hồ sơ
    Và "Bộ phận Một cửa" chuyển hồ sơ đến phòng chuyên môn
    Và "Phòng Giáo dục Trung học" kết luận thẩm định "cần bổ sung" với:
      | noi_dung_bo_sung | Thiếu giấy tờ chứng minh nơi cư trú mới |
    Và "Bộ phận Một cửa" yêu cầu bổ sung hồ sơ "Bổ sung giấy tờ chứng minh nơi cư trú mới"
    Và công dân bổ sung hồ sơ với:
      | tai_lieu_bo_sung | xac-nhan-cu-tru.pdf |
    Và "Phòng Giáo dục Trung học" thử yêu cầu bổ sung lần nữa với:
      | noi_dung_bo_sung | Giấy xác nhận cư trú chưa có chữ ký |
    Thì sơ đồ không cho yêu cầu bổ sung lần hai
    Và đồng hồ pháp lý đang chạy
    Và đã lập "Mẫu 02" 1 lần
    Và hồ sơ chờ ở "văn bản từ chối"
